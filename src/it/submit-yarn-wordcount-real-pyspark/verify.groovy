def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 6 : log
def venv = { String cache -> /${cache}\/[0-9a-f]{32}\/cp3\d+-\S+\/bin\/python/ }
def props = new Properties()
new File(yarnDir, 'yarn.properties').withInputStream { props.load(it) }
def containerLogs = { String app, String name ->
    def out = []
    new File(props.logDir).eachFileRecurse { f -> if (f.name == name && f.path.contains(app)) out << f.text }
    out.join('\n')
}
def layers = { String run ->
    (run =~ /pyspark-staging: ([a-z-]+ layer \S+): (staged|already staged)/).collect { [it[1], it[2]] }
}

def runtimes = [:]
[['3.5.5', runs[0..2]], ['4.0.1', runs[3..5]]].each { spark, three ->
    def (cluster, client, local) = three

    // verify imported the job's module, pyspark included (from <pysparkArchives>), instead of skipping it
    assert cluster.contains('pyspark-verify: imported wordcount.job') : cluster
    assert !cluster.contains('SKIPPED importing')

    // 1. cluster mode, Spark's default confs (the UI and its AM filter on): the driver's output is in the
    //    ApplicationMaster's container log; the executors ran the UDF in the venv the bootstrap built on the node
    def app = (cluster =~ /Submitted YARN application (application_\d+_\d+)/)[0][1]
    assert cluster.contains("YARN application ${app} finished: SUCCEEDED") : cluster
    def out = containerLogs(app, 'stdout')
    assert out =~ /(?m)^be\t2$/ : out
    assert out =~ /(?m)^to\t2$/
    assert out =~ /(?m)^question\t1$/
    assert out =~ /(?m)^textstats 0\.2\.0 python 3\.\d+\.\d+ spark ${spark}$/ : out
    assert out =~ /(?m)^executors' python: ${venv(/\S*\/usercache\/\S+\/pyspark-wheelhouse/)}$/ : out
    assert containerLogs(app, 'stderr').contains("Running Spark version ${spark}")
    def staged = layers(cluster)
    runtimes[spark] = staged*.get(0).find { it.startsWith('spark-runtime layer') }
    assert runtimes[spark] && staged.any { it[0].startsWith('job layer') } : cluster

    // 2. client mode: the driver here (its output is the build's), the executors on YARN in the node's venv; the
    //    same wheelhouse and Spark a second time: every layer is already on the cluster, nothing new is staged
    app = (client =~ /Submitted YARN application (application_\d+_\d+)/)[0][1]
    assert client =~ /The driver finished successfully; YARN application ${app} ran its executors/
    assert client =~ /(?m)^\[INFO\] be\t2$/
    assert client =~ /(?m)^\[INFO\] textstats 0\.2\.0 python 3\.\d+\.\d+ spark ${spark}$/ : client
    assert client =~ /(?m)^\[INFO\] executors' python: ${venv(/\S*\/usercache\/\S+\/pyspark-wheelhouse/)}$/ : client
    assert layers(client)*.get(0) as Set == staged*.get(0) as Set : client
    assert layers(client).every { it[1] == 'already staged' } : client

    // 3. local[2]: driver and executors on this machine, in the venv the bootstrap built under target/
    assert local =~ /(?m)^\[INFO\] textstats 0\.2\.0 python 3\.\d+\.\d+ spark ${spark}$/ : local
    assert local =~ /(?m)^\[INFO\] executors' python: ${venv(/\S*\/target\/pyspark-submit\/cache/)}$/ : local
    assert local.contains('spark-submit finished successfully')
}
// Spark 4.0.1 came from Maven as its own runtime layer, Scala 2.13 following from the version alone
assert runtimes['3.5.5'] != runtimes['4.0.1'] : runtimes
assert new File(basedir, 'target/pyspark-submit').list().any { it.startsWith('spark-4.0.1_2.13-') && it.endsWith('.classpath') }
return true
