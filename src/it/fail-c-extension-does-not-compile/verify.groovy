def log = new File(basedir, 'build.log').text
assert log.contains('Building a wheel for broken-native failed (a C extension that does not compile?') : 'build.log lacks: ' + 'Building a wheel for broken-native failed (a C extension that does not compile?'
assert log.contains('error:') : 'build.log lacks: ' + 'error:'
assert !new File(basedir, 'target/failing-job-1.0-wheelhouse.zip').exists()
return true
