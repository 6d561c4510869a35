import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def apps = (log =~ /Submitted YARN application (application_\d+_\d+)/).collect { it[1] }
assert apps.size() == 2 : log
def jobLayers = (log =~ /pyspark-staging: job layer (job-[0-9a-f]{64}\.zip): staged/).collect { it[1] }
assert jobLayers.size() == 2 && jobLayers[0] != jobLayers[1] : log
def props = new Properties()
new File(yarnDir, 'yarn.properties').withInputStream { props.load(it) }
def webhdfs = { String path -> new JsonSlurper().parse(new URL(props.webhdfs + path + '?op=LISTSTATUS&user.name=' + System.getProperty('user.name'))).FileStatuses.FileStatus*.pathSuffix }

// while the first application ran, the second staging kept its record and its layers, though beyond the newest 1
assert log.contains("YARN application ${apps[0]} submitted; not waiting for it")
assert log.contains('clean-up: kept the newest 1 stagings of it.pyspark:clean-up-job and those of running applications; '
        + 'removed 0 older stagings and 0 layers no staging uses (0 bytes)') : log
assert webhdfs('/it/clean-up/layers').contains(jobLayers[0])

// once it has ended, the next clean-up removes its record and its job layer (the stager, over Spark's classpath,
// with the second submission's plan under a new record)
def state = io.github.sparkwheel.it.YarnStates.ended(new File(yarnDir), apps[0], 120)
assert state == 'FINISHED' : "${apps[0]} is $state"
def work = new File(basedir, 'target/pyspark-submit')
def plan = new File(work, 'again.plan')
plan.text = new File(work, 'staging.plan').text.replaceAll(/(?m)^record\t.*$/, 'record\t99991231-235959-00000000')
def sparkJars = work.listFiles().find { it.name.startsWith('spark-3.5.5_2.12-') && it.name.endsWith('.classpath') }.readLines()
def plugin = new File(localRepositoryPath, 'io/github/sparkwheel/pyspark-maven-plugin').listFiles().find { it.directory }
        .listFiles().find { it.name.endsWith('.jar') }
def java = new File(System.getProperty('java.home'), 'bin/java').path
def process = [java, '-cp', ([new File(yarnDir, 'conf').path] + sparkJars + [plugin.path]).join(File.pathSeparator),
               'io.github.sparkwheel.helpers.LayerStager', plan.path].execute()
def out = new StringBuilder(), err = new StringBuilder()
process.consumeProcessOutput(out, err)
assert process.waitFor() == 0 : "$out\n$err"
assert out.toString().contains('clean-up: kept the newest 1 stagings of it.pyspark:clean-up-job and those of running '
        + 'applications; removed 2 older stagings and 1 layers no staging uses') : out
def left = webhdfs('/it/clean-up/layers')
assert !left.contains(jobLayers[0]) && left.contains(jobLayers[1]) : left
assert webhdfs('/it/clean-up/records/it.pyspark/clean-up-job') == ['99991231-235959-00000000']
return true
