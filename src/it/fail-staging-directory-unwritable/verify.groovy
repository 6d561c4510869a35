import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log =~ /The layers cannot be staged: cannot write to the staging directory hdfs:\/\/[^\/]+\/locked\/staging: Permission denied: user=alice, access=WRITE, inode="\/locked":\S+:\S+:drwxr-xr-x\. Perhaps you should set <stagingDirectory> or -Dpyspark\.stagingDirectory to a directory you may write/ : log
assert !log.contains('Submitted YARN application')
def props = new Properties()
new File(yarnDir, 'yarn.properties').withInputStream { props.load(it) }
assert new JsonSlurper().parse(new URL(props.webhdfs + '/locked?op=LISTSTATUS')).FileStatuses.FileStatus.isEmpty()
return true
