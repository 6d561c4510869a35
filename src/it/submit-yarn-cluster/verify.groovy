def log = new File(basedir, 'build.log').text
def apps = (log =~ /Submitted YARN application (application_\d+_\d+)/).collect { it[1] }
assert apps.size() == 2 : log  // Spark 3.5.5, then Spark 4.2.0
assert log.contains('Shipping jars: udf-1.0.jar')
def props = new Properties()
new File(yarnDir, 'yarn.properties').withInputStream { props.load(it) }
apps.each { app ->
    assert log.contains("YARN application $app is RUNNING")
    assert log.contains("YARN application $app finished: SUCCEEDED")

    // the application's container logs, from the NodeManager's log directory
    def stdouts = []
    new File(props.logDir).eachFileRecurse { f -> if (f.name == 'stdout' && f.path.contains(app)) stdouts << f }
    def out = stdouts.collect { it.text }.join('\n')
    assert out.contains('driver-done') : "no driver output for $app in ${stdouts}"
    // the driver ran in the AM container through the bootstrap, in the venv built from the wheelhouse
    assert out =~ /driver-venv \S*pyspark-wheelhouse\/[0-9a-f]{32}\/cp3\d+-\S+ \[\('a', 2\), \('b', 1\)\]/ : out
    assert out.contains('driver-args alpha beta gamma') : out
    assert out.contains('udf-jar hello wheelhouse from the udf jar') : out
    // both partitions ran on the executor through the same bootstrap, importing the dependency from the venv
    assert out =~ /executor-venv \S*pyspark-wheelhouse\/[0-9a-f]{32}\/cp3\d+-\S+ textlib p0/ : out
    assert out =~ /executor-venv \S*pyspark-wheelhouse\/[0-9a-f]{32}\/cp3\d+-\S+ textlib p1/ : out
}
// the second submission really ran Spark 4.2.0, resolved from Maven and staged as its own runtime layer
def work = new File(basedir, 'job/target/pyspark-submit')
assert work.list().any { it.startsWith('spark-4.2.0_2.13-') && it.endsWith('.classpath') } : work.list()
def runtimes = (log =~ /pyspark-staging: spark-runtime layer (spark-runtime-[0-9a-f]{64}\.zip)/).collect { it[1] } as Set
assert runtimes.size() == 2 : log
def amLog = []
new File(props.logDir).eachFileRecurse { f -> if (f.name == 'stderr' && f.path.contains(apps[1]) && f.parentFile.name.endsWith('_01_000001')) amLog << f.text }
assert amLog.join('\n').contains('Running Spark version 4.2.0') : "the ApplicationMaster of ${apps[1]} ran another Spark"
return true
