def log = new File(basedir, 'build.log').text
// a client-mode start on Spark 4 that met Spark's own UI race was sent again, once (SparkSubmitter.send): its
// application and its driver's first lines then appear twice
def again = (log =~ /ran no job\. Submitting it again, once/).size()
def apps = (log =~ /Submitted YARN application (application_\d+_\d+)/).collect { it[1] }
assert apps.size() == 2 + again : log  // Spark 3.5.5, then Spark 4.2.0
assert new File(basedir, 'target/pyspark-submit/wheelhouse/bootstrap/python').canExecute()
// the executors on YARN ran the same wheelhouse through their own bootstrap
def ran = apps.findAll { app -> log =~ /The driver finished successfully; YARN application ${app} ran its executors/ }
assert ran.size() == 2 : apps
// the local driver's output is the goal's output, and it ran in a venv built by the bootstrap here
assert (log =~ /driver-venv \S*\/target\/pyspark-submit\/cache\/[0-9a-f]{32}\/cp3\d+-\S+ \[\('a', 2\), \('b', 1\)\]/).size() == 2 + again : log
assert (log =~ /driver-args client/).size() == 2 + again
assert (log =~ /executor-venv \S*pyspark-wheelhouse\/[0-9a-f]{32}\/cp3\d+-\S+ textlib p0/).size() == 2 : log
assert (log =~ /driver-done/).size() == 2
def work = new File(basedir, 'target/pyspark-submit')
assert work.list().any { it.startsWith('spark-4.2.0_2.13-') && it.endsWith('.classpath') } : work.list()

// the third: the layers were staged (the cluster answered), then the local driver's bootstrap could not start; the
// build says so in the bootstrap's own words, found by its line, whatever status SparkSubmit passed on
def third = log.substring(log.lastIndexOf('Submitting '))
assert third =~ /The driver's Python could not start on this machine \(client mode: the driver runs here, through the wheelhouse's bootstrap, with <python> python3.404-nowhere as its base interpreter\): base interpreter 'python3.404-nowhere' not found on / : third
assert !(third =~ /Staging the layers failed|The layers cannot be staged/) : third
return true
