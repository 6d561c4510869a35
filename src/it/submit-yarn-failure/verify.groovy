def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 2 : log
def props = new Properties()
new File(yarnDir, 'yarn.properties').withInputStream { props.load(it) }
[['3.5.5', runs[0]], ['4.0.1', runs[1]]].each { spark, run ->
    def app = (run =~ /Submitted YARN application (application_\d+_\d+)/)[0][1]
    assert run.contains("Spark application $app failed (final status FAILED): YARN diagnostics: User application exited with status 1") : run
    // under the error: the driver's Python traceback, from the ApplicationMaster's logs
    assert run =~ /The driver's output \(ApplicationMaster container container_\S+_01_000001, from YARN's aggregated logs; all of it: \S+\/target\/pyspark-submit\/logs\/${app}\.log\):/ : run
    assert run =~ /(?m)^\[ERROR\]   Traceback \(most recent call last\):$/
    // the job's own code, from the job layer YARN unpacked in the container (see src/site/markdown/staging.md)
    assert run =~ /(?m)^\[ERROR\]     File "\S+\/wheelhouse\/site\/failingjob\/__init__.py", line \d+, in main$/
    assert run =~ /(?m)^\[ERROR\]   ValueError: no input for 2026-11-23 \(3 rows seen\)$/
    assert run.contains("Its logs: yarn logs -applicationId $app")
    assert run.contains('BUILD FAILURE')
    def am = []
    new File(props.logDir).eachFileRecurse { f -> if (f.name == 'stderr' && f.path.contains(app) && f.parentFile.name.endsWith('_01_000001')) am << f.text }
    assert am.join('\n').contains("Running Spark version ${spark}") : "the ApplicationMaster of ${app} ran another Spark"
}
return true
