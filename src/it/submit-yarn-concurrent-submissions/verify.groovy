import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def apps = (log =~ /Submitted YARN application (application_\d+_\d+)/).collect { it[1] }
assert apps.size() == 2 : log
apps.each { assert log.contains("YARN application $it finished: SUCCEEDED") }
// both stagings dealt with every layer, whichever of them uploaded it
def lines = (log =~ /pyspark-staging: ([a-z-]+) layer (\S+): (staged|already staged)/).collect { [it[2], it[3]] }
assert lines.size() == 10 : log
def names = lines.collect { it[0] } as Set
assert names.size() == 5
names.each { name -> assert lines.count { it[0] == name } == 2 }
// one copy of each, nothing half-written left
def props = new Properties()
new File(yarnDir, 'yarn.properties').withInputStream { props.load(it) }
def onHdfs = new JsonSlurper().parse(new URL(props.webhdfs + '/it/concurrent/layers?op=LISTSTATUS&user.name=' + System.getProperty('user.name'))).FileStatuses.FileStatus
assert onHdfs*.pathSuffix as Set == names : onHdfs*.pathSuffix
return true
