def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 4 : log
assert basedir.path.contains(' ') : "the IT is about a path with spaces: $basedir"
def props = new Properties()
new File(yarnDir, 'yarn.properties').withInputStream { props.load(it) }

[['3.5.5', '2.12', runs[1]], ['4.0.1', '2.13', runs[3]]].each { spark, scala, run ->
    def app = (run =~ /Submitted YARN application (application_\d+_\d+)/)[0][1]
    assert run.contains("YARN application $app finished: SUCCEEDED") : run
    // --jars: the udfs module and the connector; nothing that Spark's own classpath already has
    assert run.contains("Shipping jars: udfs-1.0.jar, spark-avro_${scala}-${spark}.jar") : run
    assert run =~ /Not shipping \d+ jars that Spark's classpath already has: .*spark-tags_${scala}-${spark}\.jar/
    assert run =~ /Not shipping .*xz-1\.\d+\.jar/
    // they are staged as layers like the rest: Spark copies only the runner and its configuration
    assert run =~ /pyspark-staging: jar layer jar-[0-9a-f]{64}-udfs-1\.0\.jar: (staged|already staged)/
    assert run.contains("Spark uploaded 2 files for $app: runner.py, __spark_conf__.zip") : run

    // the driver's output, in the ApplicationMaster's container log: the Java UDF ran in SQL, Avro went both ways
    def out = []
    def err = []
    new File(props.logDir).eachFileRecurse { f ->
        if (f.name == 'stdout' && f.path.contains(app)) out << f.text
        if (f.name == 'stderr' && f.path.contains(app)) err << f.text
    }
    def driver = out.join('\n')
    assert driver.contains('avro round trip: HELLO! WHEELHOUSE!') : driver
    assert driver =~ /(?m)^executors' python: \S*\/usercache\/\S+\/pyspark-wheelhouse\/[0-9a-f]{32}\/cp3\d+-\S+\/bin\/python$/ : driver
    assert err.join('\n').contains("Running Spark version ${spark}") : "the ApplicationMaster of ${app} ran another Spark"
}
assert new File(basedir, 'etl-job/target/shouted words.avro').isDirectory()
return true
