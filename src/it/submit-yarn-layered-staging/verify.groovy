import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 4 : log
def props = new Properties()
new File(yarnDir, 'yarn.properties').withInputStream { props.load(it) }

// per run: the application, what the stager said of each layer (kind -> [name, what, modified])
def staged = runs.collect { run ->
    def layers = [:]
    (run =~ /pyspark-staging: ([a-z-]+) layer (\S+): (staged|already staged)[^\n]*\(modified (\d+)\)/).each {
        layers[it[1] + ' ' + it[2]] = [what: it[3], modified: it[4] as long]
    }
    def app = (run =~ /Submitted YARN application (application_\d+_\d+)/)[0][1]
    assert run.contains("YARN application $app finished: SUCCEEDED") : run
    def containers = []
    new File(props.logDir).eachFileRecurse { f -> if (f.path.contains(app) && f.name in ['stdout', 'stderr']) containers << f }
    [app: app, layers: layers, uploads: (run =~ /Spark uploaded \d+ files for \S+?(?:: ([^\n]*))?\n/)[0][1],
     driver: containers.findAll { it.name == 'stdout' && it.path.contains('_01_000001') }*.text.join('\n'),
     containerLogs: containers*.text.join('\n')]
}
def kinds = { run -> run.layers.keySet().collect { it.split(' ')[0] } as Set }
def names = { run, kind -> run.layers.keySet().find { it.startsWith(kind + ' ') } }

// 1. the first submission stages every layer: the Spark runtime (one archive), dependencies, pyspark's two zips, the job
def first = staged[0]
assert first.layers.size() == 5 && first.layers.values().every { it.what == 'staged' } : first.layers
assert kinds(first) == ['spark-runtime', 'dependencies', 'pyspark', 'job'] as Set
assert first.driver.contains('driver ran job code v1 with textlib 0.1') : first.driver
assert first.driver.contains('executors ran job code v1 with textlib 0.1')
assert first.containerLogs.contains('pyspark-wheelhouse bootstrap: building the environment')
def python = (first.driver =~ /executors' python: (\S+)/)[0][1]
assert python =~ /\/usercache\/[^\/]+\/pyspark-wheelhouse\/[0-9a-f]{32}\/cp3\d+-\S+\/bin\/python$/

// 2. unchanged: every layer already there, with the modification time it was staged with; Spark copies
//    nothing but the runner and its configuration
def second = staged[1]
assert second.layers.keySet() == first.layers.keySet()
second.layers.each { name, layer -> assert layer.what == 'already staged' && layer.modified == first.layers[name].modified : name }
assert second.uploads.split(', ') as Set == ['runner.py', '__spark_conf__.zip'] as Set : second.uploads

// 3. a change of the job's code: only a new job layer; the nodes run it in the virtualenv they have
def third = staged[2]
assert third.layers.findAll { it.value.what == 'staged' }.keySet().collect { it.split(' ')[0] } == ['job']
assert names(third, 'job') != names(first, 'job')
assert names(third, 'dependencies') == names(first, 'dependencies')
assert third.driver.contains('executors ran job code v2 with textlib 0.1') : third.driver
assert third.driver.contains("executors' python: $python")
assert !third.containerLogs.contains('building the environment') : third.containerLogs

// 4. a changed dependency: a new dependency layer, a new virtualenv
def fourth = staged[3]
assert fourth.layers.findAll { it.value.what == 'staged' }.keySet().collect { it.split(' ')[0] } as Set == ['dependencies', 'job'] as Set
assert names(fourth, 'dependencies') != names(first, 'dependencies')
assert fourth.driver.contains('executors ran job code v1 with textlib 0.2') : fourth.driver
assert fourth.containerLogs.contains('pyspark-wheelhouse bootstrap: building the environment')
assert !fourth.driver.contains("executors' python: $python")

// the file system agrees: one file per layer, with the times the stager reported, world-readable
def listing = new JsonSlurper().parse(new URL(props.webhdfs + '/it/layered-staging/layers?op=LISTSTATUS'))
        .FileStatuses.FileStatus
def onHdfs = listing.collectEntries { [(it.pathSuffix): it] }
def all = staged.collectMany { it.layers.collect { k, v -> [k.split(' ')[1], v.modified] } }.unique()
all.each { name, modified ->
    assert onHdfs[name] : "$name is not on HDFS: ${onHdfs.keySet()}"
    assert onHdfs[name].modificationTime == modified : name
    assert onHdfs[name].permission == '644'
}
assert onHdfs.keySet() == all.collect { it[0] } as Set : 'nothing else, no temporary files'
return true
