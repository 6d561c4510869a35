def log = new File(basedir, 'build.log').text
def port = new File(basedir, 'nn-port.txt').text
assert log.contains("The file system hdfs://127.0.0.1:${port}/it/nowhere (the staging directory) did not answer within 5 s (Connection refused). Check that its NameNode runs") : log
assert log.contains('or choose another <stagingDirectory> (-Dpyspark.stagingDirectory)')
assert !log.contains('Submitted YARN application')
return true
