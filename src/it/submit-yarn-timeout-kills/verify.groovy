def log = new File(basedir, 'build.log').text
def app = (log =~ /Submitted YARN application (application_\d+_\d+)/)[0][1]
assert log.contains("Timeout: 'spark-submit' ran longer than 45 s and was stopped; killed YARN application $app")
// what the driver was doing, read before the kill from the running ApplicationMaster's logs: a running
// application's logs are not aggregated yet, the NodeManager's container-log web service has them
assert log =~ /The driver's output so far \(ApplicationMaster container container_\S+_01_000001, from the container-log web service of the NodeManager at \S+; all of it: \S+\/target\/pyspark-submit\/logs\/${app}\.log\):/ : log
assert log =~ /(?m)^\[ERROR\]   driver-sleeping$/
// the ResourceManager agrees: the application was killed, not left running
def state = null
def deadline = System.currentTimeMillis() + 60_000
while (System.currentTimeMillis() < deadline) {
    def apps = new Properties()
    new File(yarnDir, 'applications.properties').withInputStream { apps.load(it) }
    state = apps.getProperty(app)
    if (state == 'KILLED') break
    Thread.sleep(500)
}
assert state == 'KILLED' : "application $app is $state"
// a killed application leaves its staged files behind: inside the build, where the cluster's
// spark-defaults.conf (SPARK_CONF_DIR) puts them, never in the user's home (~/.sparkStaging)
// (<spark.yarn.stagingDir>/<user>/.sparkStaging/<app>)
assert new File(yarnDir, 'staging').listFiles().any { new File(it, ".sparkStaging/$app").isDirectory() }
assert !new File(System.getProperty('user.home'), ".sparkStaging/$app").exists()
return true
