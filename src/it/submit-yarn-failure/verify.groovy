def log = new File(basedir, 'build.log').text
def app = (log =~ /Submitted YARN application (application_\d+_\d+)/)[0][1]
assert log.contains("Spark application $app failed (final status FAILED): YARN diagnostics: User application exited with status 1")
// under the error: the driver's Python traceback, from the ApplicationMaster's logs
assert log =~ /The driver's output \(ApplicationMaster container container_\S+_01_000001, from YARN's aggregated logs; all of it: \S+\/target\/pyspark-submit\/logs\/${app}\.log\):/ : log
assert log =~ /(?m)^\[ERROR\]   Traceback \(most recent call last\):$/
// the job's own code, from the job layer YARN unpacked in the container (see Layered staging in the README)
assert log =~ /(?m)^\[ERROR\]     File "\S+\/wheelhouse\/site\/failingjob\/__init__.py", line \d+, in main$/
assert log =~ /(?m)^\[ERROR\]   ValueError: no input for 2026-11-23 \(3 rows seen\)$/
assert log.contains("Its logs: yarn logs -applicationId $app")
assert log.contains('BUILD FAILURE')

return true
