def log = new File(basedir, 'build.log').text
assert log.count('-m pip wheel') == 2 : "pip should run in builds 1 and 3 only:\n$log"
assert log.count('is up to date (sources, requirements, configuration and interpreter unchanged); pip not started') == 1
assert new File(basedir, 'target/incremental-job-1.0-wheelhouse.zip').isFile()
return true
