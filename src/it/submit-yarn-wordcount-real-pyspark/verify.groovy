def log = new File(basedir, 'build.log').text
def venv = { String cache -> /${cache}\/[0-9a-f]{32}\/cp3\d+-\S+\/bin\/python/ }

// verify imported the job's module, pyspark included (from <pysparkArchives>), instead of skipping it
assert log.contains('pyspark-verify: imported wordcount.job') : log
assert !log.contains('SKIPPED importing')

def apps = (log =~ /Submitted YARN application (application_\d+_\d+)/).collect { it[1] }
assert apps.size() == 2 : log  // cluster and client; the local[2] run has no YARN application

// 1. cluster mode, Spark's default confs (the UI and its AmIpFilter on): the driver's output is in the
//    ApplicationMaster's container log; the executors ran the UDF in the venv the bootstrap built on the node
assert log.contains("YARN application ${apps[0]} finished: SUCCEEDED")
def props = new Properties()
new File(yarnDir, 'yarn.properties').withInputStream { props.load(it) }
def out = []
new File(props.logDir).eachFileRecurse { f -> if (f.name == 'stdout' && f.path.contains(apps[0])) out << f.text }
def cluster = out.join('\n')
assert cluster =~ /(?m)^be\t2$/ : cluster
assert cluster =~ /(?m)^to\t2$/
assert cluster =~ /(?m)^question\t1$/
assert cluster.contains('textstats 0.2.0')
assert cluster =~ /(?m)^executors' python: ${venv(/\S*\/usercache\/\S+\/pyspark-wheelhouse/)}$/ : cluster

// 2. client mode: the driver here (its output is the build's), the executors on YARN in the node's venv
assert log =~ /The driver finished successfully; YARN application ${apps[1]} ran its executors/
assert log =~ /(?m)^\[INFO\] be\t2$/
assert log =~ /(?m)^\[INFO\] executors' python: ${venv(/\S*\/usercache\/\S+\/pyspark-wheelhouse/)}$/ : log

// 3. local[2]: driver and executors on this machine, in the venv the bootstrap built under target/
assert log =~ /(?m)^\[INFO\] executors' python: ${venv(/\S*\/target\/pyspark-submit\/cache/)}$/ : log
assert log.contains('spark-submit finished successfully')
return true
