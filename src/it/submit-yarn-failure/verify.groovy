def log = new File(basedir, 'build.log').text
def app = (log =~ /Submitted YARN application (application_\d+_\d+)/)[0][1]
assert log.contains("Spark application $app failed (final status FAILED): YARN diagnostics: User application exited with status 1")
assert log.contains("Its logs: yarn logs -applicationId $app")
assert log.contains('BUILD FAILURE')
return true
