def log = new File(basedir, 'build.log').text
def app = (log =~ /Submitted YARN application (application_\d+_\d+)/)[0][1]
assert log.contains("YARN application $app is ACCEPTED") || log.contains("YARN application $app is RUNNING")
assert log.contains("YARN application $app is RUNNING")
assert log.contains("YARN application $app finished: SUCCEEDED")
assert log.contains('Shipping jars: udf-1.0.jar')

// the application's container logs, from the NodeManager's log directory
def props = new Properties()
new File(yarnDir, 'yarn.properties').withInputStream { props.load(it) }
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
return true
