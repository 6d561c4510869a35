def log = new File(basedir, 'build.log').text
def apps = (log =~ /Submitted YARN application (application_\d+_\d+)/).collect { it[1] }
assert apps.size() == 2 : log
assert log.contains("YARN application ${apps[0]} finished: SUCCEEDED")
// client mode: the driver's output is the build's
assert log =~ /(?m)^\[INFO\] be\t2$/ : log
assert log =~ /(?m)^\[INFO\] to\t2$/
// cluster mode: the driver's output is in the ApplicationMaster's container log
def props = new Properties()
new File(yarnDir, 'yarn.properties').withInputStream { props.load(it) }
def out = []
new File(props.logDir).eachFileRecurse { f -> if (f.name == 'stdout' && f.path.contains(apps[0])) out << f.text }
assert out.join('\n') =~ /(?m)^be\t2$/ : out
assert out.join('\n').contains('textstats 0.2.0')
return true
