import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1).toList()
assert runs.size() == 8 : log
def plant = runs.remove(6) // mallory's, not a submit
assert plant.contains('mallory planted /it/planted/spark-runtime-') : plant
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

// 5. bob, another user, submits the same job: his own private copies of its job and dependency layers; the Spark
//    runtime and pyspark's two zips are staged once more, into the shared directory, open to all
def runtime = names(first, 'spark-runtime').split(' ')[1]
def pysparkZips = first.layers.keySet().findAll { it.startsWith('pyspark ') }.collect { it.split(' ')[1] }
assert pysparkZips.size() == 2 : first.layers
def fifth = staged[4]
([runtime] + pysparkZips).each { name ->
    assert runs[4] =~ /pyspark-staging: [a-z-]+ layer ${name}: staged in the shared directory, \d+ bytes in / : runs[4]
}
assert fifth.layers.values().every { it.what == 'staged' } : fifth.layers
assert runs[4] =~ /pyspark-staging: the layers \(dependencies, job\) are PRIVATE: \S+\/user\/bob\/\.pyspark-maven-plugin\/layers is rwx------ and they are rw-------, so only you can read your job's code and libraries; YARN localizes them for your applications alone, and each NodeManager reuses its copy across them; spark-runtime, pyspark from the shared directory \S+\/it\/shared, public content every user reads/ : runs[4]
assert fifth.driver.contains('executors ran job code v1 with textlib 0.2') : fifth.driver
assert fifth.driver =~ /executors' python: \S+\/usercache\/bob\// : fifth.driver
// his private layers hold no pyspark zip: Spark was given the shared ones, or his submit would have failed
def bobs = new JsonSlurper().parse(new URL(props.webhdfs + '/user/bob/.pyspark-maven-plugin/layers?op=LISTSTATUS&user.name=bob'))
        .FileStatuses.FileStatus*.pathSuffix
assert bobs.size() == 2 && !bobs.any { it in pysparkZips } : bobs
// and he cannot even list the first user's layers
def asBob = new URL(props.webhdfs + '/it/layered-staging/layers?op=LISTSTATUS&user.name=bob').openConnection()
assert asBob.responseCode == 403

// 6. the first user again, now with the shared directory: bob's runtime and pyspark zips there are the layers they
//    name (their sha256 is checked, as bob is not the directory's owner), so nothing at all is uploaded; Spark's
//    client, in the launcher's JVM, is given the shared zips (PYSPARK_ARCHIVES_PATH) and the job runs on them
def sixth = staged[5]
([runtime] + pysparkZips).each { name ->
    assert runs[5] =~ /pyspark-staging: [a-z-]+ layer ${name}: already staged in the shared directory \(owner bob, its content checked in \d+\.\d s: sha256 matches\)/ : runs[5]
}
assert sixth.layers.values().every { it.what == 'already staged' } : sixth.layers
assert sixth.uploads.split(', ') as Set == ['runner.py', '__spark_conf__.zip'] as Set : sixth.uploads
assert sixth.driver.contains('executors ran job code v1 with textlib 0.2') : sixth.driver
def shared = new JsonSlurper().parse(new URL(props.webhdfs + '/it/shared?op=LISTSTATUS&user.name=bob')).FileStatuses.FileStatus
assert shared*.pathSuffix as Set == ([runtime] + pysparkZips) as Set : shared
assert shared.every { it.owner == 'bob' && it.permission == '644' } : shared

// 7. mallory planted a file named as that runtime layer in /it/planted, as large, not writable by others, with other
//    bytes: the first user's submit with that shared directory does not use it, says why, and runs on his private copy
//    (pyspark's zips, not there yet, he stages into it)
def planted = staged[6]
def me = System.getProperty('user.name')
assert runs[6] =~ /pyspark-staging: spark-runtime layer ${runtime}: not using \S+\/it\/planted\/${runtime}: it belongs to mallory \(neither you, ${me}, nor the shared directory's owner, ${me}\) and its content is not this layer's \(sha256 [0-9a-f]{64}\), so it could hold anything; staging a private copy instead/ : runs[6]
assert planted.layers.keySet() == sixth.layers.keySet() : planted.layers
planted.layers.each { name, layer -> // the runtime: the private copy of the first submit; the rest as in the sixth
    if (name.startsWith('pyspark ')) {
        assert layer.what == 'staged' : name
        assert runs[6] =~ /pyspark-staging: pyspark layer ${name.split(' ')[1]}: staged in the shared directory, / : runs[6]
        return
    }
    def before = name.startsWith('spark-runtime ') ? first.layers[name] : sixth.layers[name]
    assert layer.what == 'already staged' && layer.modified == before.modified : name
}
assert planted.uploads.split(', ') as Set == ['runner.py', '__spark_conf__.zip'] as Set : planted.uploads
assert planted.driver.contains('executors ran job code v1 with textlib 0.2') : planted.driver
def plantedFile = new JsonSlurper().parse(new URL(props.webhdfs + '/it/planted?op=LISTSTATUS&user.name=mallory')).FileStatuses.FileStatus
assert plantedFile*.pathSuffix as Set == ([runtime] + pysparkZips) as Set : plantedFile
assert plantedFile.find { it.pathSuffix == runtime }.owner == 'mallory' : plantedFile

// the file system agrees: one file per layer, with the times the stager reported, readable by the user alone
def listing = new JsonSlurper().parse(new URL(props.webhdfs + '/it/layered-staging/layers?op=LISTSTATUS&user.name=' + me))
        .FileStatuses.FileStatus
def onHdfs = listing.collectEntries { [(it.pathSuffix): it] }
def all = staged.take(4).collectMany { it.layers.collect { k, v -> [k.split(' ')[1], v.modified] } }.unique()
all.each { name, modified ->
    assert onHdfs[name] : "$name is not on HDFS: ${onHdfs.keySet()}"
    assert onHdfs[name].modificationTime == modified : name
    assert onHdfs[name].permission == '600'
}
assert onHdfs.keySet() == all.collect { it[0] } as Set : 'nothing else, no temporary files'
return true
