def log = new File(basedir, 'build.log').text
def port = new File(basedir, 'rm-port.txt').text
def conf = new File(basedir, 'hadoop-conf/yarn-site.xml').path
assert log.contains("The ResourceManager at 127.0.0.1:${port} (yarn.resourcemanager.address in ${conf}) did not answer within 20 s (Connection refused). Check that it runs and that this machine may reach it") : log
assert log.contains('<connectTimeout> (-Dpyspark.connectTimeout)')
// while it waited, it said on what
assert log =~ /pyspark-cluster-check: waiting for the ResourceManager at 127\.0\.0\.1:${port}/
assert !log.contains('Submitted YARN application') && !log.contains('pyspark-staging:')
def total = (log =~ /Total time:\s+(.+)/)[0][1]
println "fail-submit-resource-manager-unreachable: the build failed after ${total} (Maven's whole run: package, Spark's resolution, the check)"
return true
