def log = new File(basedir, 'build.log').text
def venv = /\S*\/target\/pyspark-submit\/cache\/[0-9a-f]{32}\/cp3\d+-\S+/
// the driver and both local executors' partitions ran in the venv the bootstrap built here
assert log =~ /driver-venv ${venv} \[\('a', 2\), \('b', 1\)\]/ : log
assert log.contains('driver-args local')
assert log =~ /executor-venv ${venv} textlib p0/ : log
assert log =~ /executor-venv ${venv} textlib p1/ : log
assert log.contains('driver-done')
assert log.contains('spark-submit finished successfully')
assert !log.contains('Submitted YARN application')
return true
