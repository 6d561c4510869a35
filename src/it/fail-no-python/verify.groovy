def log = new File(basedir, 'build.log').text
assert log.contains("Python interpreter 'python3.99-does-not-exist' not found, perhaps you should set <python> or -Dpyspark.python") : 'build.log lacks: ' + "Python interpreter 'python3.99-does-not-exist' not found, perhaps you should set <python> or -Dpyspark.python"
assert !new File(basedir, 'target/failing-job-1.0-wheelhouse.zip').exists()
return true
