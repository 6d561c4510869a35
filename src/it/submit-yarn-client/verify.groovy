def log = new File(basedir, 'build.log').text
def apps = (log =~ /Submitted YARN application (application_\d+_\d+)/).collect { it[1] }
assert apps.size() == 2 : log  // Spark 3.5.5, then Spark 4.2.0
assert new File(basedir, 'target/pyspark-submit/wheelhouse/bootstrap/python').canExecute()
apps.each { app ->
    // the executors on YARN ran the same wheelhouse through their own bootstrap
    assert log =~ /The driver finished successfully; YARN application ${app} ran its executors/
}
// the local driver's output is the goal's output, and it ran in a venv built by the bootstrap here
assert (log =~ /driver-venv \S*\/target\/pyspark-submit\/cache\/[0-9a-f]{32}\/cp3\d+-\S+ \[\('a', 2\), \('b', 1\)\]/).size() == 2 : log
assert (log =~ /driver-args client/).size() == 2
assert (log =~ /executor-venv \S*pyspark-wheelhouse\/[0-9a-f]{32}\/cp3\d+-\S+ textlib p0/).size() == 2 : log
assert (log =~ /driver-done/).size() == 2
def work = new File(basedir, 'target/pyspark-submit')
assert work.list().any { it.startsWith('spark-4.2.0_2.13-') && it.endsWith('.classpath') } : work.list()
return true
