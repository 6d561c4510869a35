def log = new File(basedir, 'build.log').text
// the local driver's output is the goal's output, and it ran in a venv built by the bootstrap here
assert log =~ /driver-venv \S*\/target\/pyspark-submit\/cache\/[0-9a-f]{32}\/cp3\d+-\S+ \[\('a', 2\), \('b', 1\)\]/ : log
assert log.contains('driver-args client')
assert new File(basedir, 'target/pyspark-submit/wheelhouse/bootstrap/python').canExecute()
// the executors on YARN ran the same wheelhouse through their own bootstrap
assert log =~ /executor-venv \S*pyspark-wheelhouse\/[0-9a-f]{32}\/cp3\d+-\S+ textlib p0/ : log
assert log.contains('driver-done')
assert log =~ /The driver finished successfully; YARN application application_\d+_\d+ ran its executors/
return true
