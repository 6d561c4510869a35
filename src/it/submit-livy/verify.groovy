import io.github.sparkwheel.it.ItServers

def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 4 : log
def livy = new Properties()
new File(livyDir, 'livy.properties').withInputStream { livy.load(it) }
def yarn = new Properties()
new File(yarnDir, 'yarn.properties').withInputStream { yarn.load(it) }
def repository = ItServers.kept(basedir.path, 'repository')
ItServers.stop(basedir.path, 'repository')

// the gateway's password is in no output (-X neither: the Authorization header is never logged)
assert !log.contains(livy.gatewayPassword)

def batch = { String run ->
    def m = run =~ /Livy batch (\d+) created \(\w+\) at (\S+)\/batches\/\1: livy-wordcount-1\.0-SNAPSHOT-wheelhouse\.zip, cluster mode, bootstrap environment/
    assert m.find() : run
    def app = run =~ /Livy batch ${m.group(1)} runs as YARN application (application_\d+_\d+)/
    assert app.find() : run
    assert run.contains("YARN application ${app.group(1)}: tracking URL http") : run
    [id: m.group(1), url: m.group(2), app: app.group(1)]
}
def containerFiles = { String app, String name ->
    def files = []
    new File(yarn.logDir).eachFileRecurse { f -> if (f.name == name && f.path.contains(app)) files << f }
    files.collect { it.text }.join('\n')
}
def appState = { String app, String wanted ->
    def state = io.github.sparkwheel.it.YarnStates.ended(new File(yarnDir), app, 60)
    assert state == wanted : "application $app is $state, not $wanted"
}
def wordCount = { String app, String python ->
    def out = containerFiles(app, 'stdout')
    assert out =~ /(?m)^be\t2$/ && out =~ /(?m)^question\t1$/ : "no word count in the containers of $app: $out"
    // the bootstrap built the job's environment on the shipped CPython, not on the nodes' Python
    assert out.contains("with cpython ${python} at ") && out.contains('/cp310-') : out
    // Livy's own Spark ran it (its spark-submit, its Spark home), not anything of the build's
    assert containerFiles(app, 'stderr').contains('Running Spark version 3.5.5')
}

// 1. through the gateway: TLS with its own CA, the path prefix, basic auth; the layers staged on HDFS, the runner too
def one = batch(runs[0])
assert one.url == livy.gatewayUrl : one
assert runs[0].contains('The files go to Livy\'s cluster through the staging directory hdfs://')
assert runs[0] =~ /pyspark-staging: runner layer runner-[0-9a-f]{64}-runner\.py: (staged|already staged)/
assert runs[0] =~ /pyspark-staging: job layer job-[0-9a-f]{64}\.zip: (staged|already staged)/
assert runs[0] =~ /pyspark-staging: python-runtime layer python-runtime-[0-9a-f]{64}-cpython-3\.10\.8-1\.5\.8-linux-x86_64\.tar\.gz: (staged|already staged)/
assert !(runs[0] =~ /spark-runtime layer/) : 'Livy has its Spark: none is staged'
assert runs[0].contains("Livy batch ${one.id}: success")
assert runs[0].contains("YARN application ${one.app} finished: SUCCEEDED")
assert runs[0].contains('BUILD SUCCESS')
// deploy attached the runner and the runtime's node layer beside the wheelhouse, for run 2
assert runs[0] =~ /Uploaded to company-snapshots: \S+livy-wordcount-1\.0-\d{8}\.\d{6}-1-runner\.py/
assert runs[0] =~ /Uploaded to company-snapshots: \S+livy-wordcount-1\.0-\d{8}\.\d{6}-1-python-runtime\.tar\.gz/
wordCount(one.app, '3.10.8')
appState(one.app, 'FINISHED')

// 2. from the Maven repository: Spark on the Livy host fetched the deployed files, nothing was staged
def two = batch(runs[1])
def fetched = (runs[1] =~ /The files go to Livy from the Maven repository: Spark fetches (.*)/)
assert fetched.find() : runs[1]
assert fetched.group(1).split(', ').collect { it.replaceAll(/.*\//, '') } as Set == ['livy-wordcount-1.0-SNAPSHOT-runner.py',
        'livy-wordcount-1.0-SNAPSHOT-wheelhouse.zip', 'livy-wordcount-1.0-SNAPSHOT-python-runtime.tar.gz'].collect { it.replace('SNAPSHOT', (runs[0] =~ /livy-wordcount-1\.0-(\d{8}\.\d{6}-1)-runner\.py/)[0][1]) } as Set
assert !runs[1].contains('pyspark-staging:')
assert runs[1].contains("YARN application ${two.app} finished: SUCCEEDED")
wordCount(two.app, '3.10.8')
def requests = repository.requests()
assert requests.any { it ==~ /GET \/repository\/it\/pyspark\/livy-wordcount\/1\.0-SNAPSHOT\/livy-wordcount-1\.0-\d{8}\.\d{6}-1-wheelhouse\.zip 200/ } : requests
assert requests.any { it ==~ /GET \/repository\/it\/pyspark\/livy-wordcount\/1\.0-SNAPSHOT\/livy-wordcount-1\.0-\d{8}\.\d{6}-1-runner\.py 200/ } : requests
assert requests.any { it ==~ /GET \/repository\/it\/pyspark\/livy-wordcount\/1\.0-SNAPSHOT\/livy-wordcount-1\.0-\d{8}\.\d{6}-1-python-runtime\.tar\.gz 200/ } : requests
// the plugin compared the deployed wheelhouse's checksum with its own
assert requests.any { it ==~ /GET \S+-wheelhouse\.zip\.sha1 200/ } : requests

// 3. Livy itself (the one over Spark 4.0.1), the files in its whitelisted directory; the job fails: its traceback,
// YARN's diagnostics, Livy's end
def three = batch(runs[2])
assert three.url == livy.spark4Url : three
assert containerFiles(three.app, 'stderr').contains('Running Spark version 4.0.1')
assert runs[2] =~ /The files go to Livy through its local directory \S+\/local: 2 files/
assert runs[2].contains("Livy batch ${three.id}: dead")
assert runs[2].contains("Spark application ${three.app} failed (final status FAILED): YARN diagnostics: User application exited with status 1")
assert runs[2] =~ /(?m)^\[ERROR\]   ValueError: north sold 7, not 8$/
assert runs[2].contains("Livy batch ${three.id} ended dead")
appState(three.app, 'FINISHED')

// 4. the timeout deletes the batch; Livy kills the YARN application; what the driver said so far is in the build
def four = batch(runs[3])
assert runs[3].contains("Timeout: Livy batch ${four.id} ran longer than 120 s; deleted Livy batch ${four.id}, and Livy kills YARN application ${four.app}")
assert runs[3] =~ /(?m)^\[ERROR\]   totals: \[\('north', 7\), \('south', 5\)\]$/
appState(four.app, 'KILLED')
return true
