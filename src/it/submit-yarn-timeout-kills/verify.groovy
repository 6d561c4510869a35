def log = new File(basedir, 'build.log').text
def app = (log =~ /Submitted YARN application (application_\d+_\d+)/)[0][1]
assert log.contains("Timeout: 'spark-submit' ran longer than 45 s and was stopped; killed YARN application $app")
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
return true
