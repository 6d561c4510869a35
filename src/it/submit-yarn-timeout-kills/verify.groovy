def log = new File(basedir, 'build.log').text
def props = new Properties()
new File(yarnDir, 'yarn.properties').withInputStream { props.load(it) }
def app = (log =~ /Submitted YARN application (application_\d+_\d+)/)[0][1]
assert log.contains("Timeout: 'spark-submit' ran longer than 45 s and was stopped; killed YARN application $app")
// what the driver was doing, read before the kill from the running ApplicationMaster's logs: a running
// application's logs are not aggregated yet, the NodeManager's container-log web service has them
assert log =~ /The driver's output so far \(ApplicationMaster container container_\S+_01_000001, from the container-log web service of the NodeManager at \S+; all of it: \S+\/target\/pyspark-submit\/logs\/${app}\.log\):/ : log
assert log =~ /(?m)^\[ERROR\]   driver-sleeping$/
// the ResourceManager agrees: the application was killed, not left running
def state = io.github.sparkwheel.it.YarnStates.ended(new File(yarnDir), app, 60)
assert state == 'KILLED' : "application $app is $state"
// a killed application leaves its staged files behind: on the cluster's HDFS (whose storage is inside the
// build), never in the user's home (~/.sparkStaging)
def launch = []
new File(props.logDir).eachFileRecurse { f -> if (f.name == 'launch_container.sh' && f.path.contains(app)) launch << f.text }
assert launch.join('\n') =~ /SPARK_YARN_STAGING_DIR="hdfs:\/\/[^"]+\/user\/[^"\/]+\/\.sparkStaging\/${app}"/ : launch
assert !new File(System.getProperty('user.home'), ".sparkStaging/$app").exists()
return true
