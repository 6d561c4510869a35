def log = new File(basedir, 'build.log').text
assert log.contains('has no pip; install pip for it') : 'build.log lacks: ' + 'has no pip; install pip for it'
assert log.contains('-m ensurepip) or perhaps you should set <python> or -Dpyspark.python') : 'build.log lacks: ' + '-m ensurepip) or perhaps you should set <python> or -Dpyspark.python'
assert !new File(basedir, 'target/failing-job-1.0-wheelhouse.zip').exists()
return true
