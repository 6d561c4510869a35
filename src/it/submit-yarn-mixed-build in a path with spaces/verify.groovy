def log = new File(basedir, 'build.log').text
def app = (log =~ /Submitted YARN application (application_\d+_\d+)/)[0][1]
assert basedir.path.contains(' ') : "the IT is about a path with spaces: $basedir"
assert log.contains("YARN application $app finished: SUCCEEDED") : log
// --jars: the udfs module and the connector; nothing that Spark's own classpath already has
assert log.contains('Shipping jars: udfs-1.0.jar, spark-avro_2.12-3.5.5.jar') : log
assert log =~ /Not shipping \d+ jars that Spark's classpath already has: .*spark-tags_2\.12-3\.5\.5\.jar/
assert log =~ /Not shipping .*xz-1\.9\.jar/
// they are staged as layers like the rest: Spark copies only the runner and its configuration
assert log =~ /pyspark-staging: jar layer jar-[0-9a-f]{64}-udfs-1\.0\.jar: staged/
assert log.contains("Spark uploaded 2 files for $app: runner.py, __spark_conf__.zip") : log

// the driver's output, in the ApplicationMaster's container log
def props = new Properties()
new File(yarnDir, 'yarn.properties').withInputStream { props.load(it) }
def out = []
new File(props.logDir).eachFileRecurse { f -> if (f.name == 'stdout' && f.path.contains(app)) out << f.text }
def driver = out.join('\n')
assert driver.contains('avro round trip: HELLO! WHEELHOUSE!') : driver
assert driver =~ /(?m)^executors' python: \S*\/usercache\/\S+\/pyspark-wheelhouse\/[0-9a-f]{32}\/cp3\d+-\S+\/bin\/python$/ : driver
assert new File(basedir, 'etl-job/target/shouted words.avro').isDirectory()
return true
