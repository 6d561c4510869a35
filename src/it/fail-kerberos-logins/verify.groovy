def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 10 : log
def secure = new Properties()
new File(secureDir, 'secure.properties').withInputStream { secure.load(it) }
def realm = secure.realm
def error = { String run ->
    def m = (run =~ /(?s)\[ERROR\] Failed to execute goal [^:]+:[^:]+:[^:]+:submit \(default-cli\) on project kerberos-failures: (.*?) -> \[Help 1\]/)
    assert m.find() : run
    m.group(1)
}
def messages = runs.collect { error(it) }
def expect = { int i, String text -> assert messages[i].contains(text) : "run ${i + 1}: ${messages[i]}" }

expect(0, "No Kerberos ticket: the cluster is secured (hadoop.security.authentication=kerberos), and there is no ticket cache at FILE:${secureDir}/tickets/nobody.ccache (KRB5CCNAME): run kinit <you>@${realm}")
expect(1, "Your Kerberos ticket has expired: the ticket of alice@${realm} in FILE:${secureDir}/tickets/fail-kerberos-expired.ccache (KRB5CCNAME) ended at ")
expect(1, "run kinit alice@${realm} again")
expect(2, "The keytab ${secureDir}/keytabs/no-such.keytab does not exist: perhaps you should fix <keytab> or -Dpyspark.keytab")
expect(3, "The keytab ${secureDir}/keytabs/bob.keytab holds no key of alice@${realm} (it holds bob@${realm})")
expect(4, "The KDC of ${realm} did not answer (127.0.0.1:")
expect(5, "Logging in to Kerberos batch/etl@${realm} from the keytab ${secureDir}/keytabs/batch-etl.keytab failed: the cluster's hadoop.security.auth_to_local (core-site.xml) maps batch/etl@${realm} to no user")
expect(6, "carol has no home directory on the cluster (hdfs://")
expect(6, "/user/carol does not exist), where the layers are staged by default: ask the cluster's admins to create it (hdfs dfs -mkdir /user/carol && hdfs dfs -chown carol /user/carol), or set <stagingDirectory>")
expect(7, "The cluster requires Kerberos (the ResourceManager at ${secure.rm} answered: ")
expect(7, "SIMPLE authentication is not enabled")
expect(7, "but the Hadoop configuration says hadoop.security.authentication=simple")
expect(8, "The cluster does not let the login act for <proxyUser> mallory")
expect(8, "is not allowed to impersonate mallory")
expect(9, "The krb5.conf ${basedir}/no-such-krb5.conf (<krb5Conf>) does not exist: perhaps you should fix <krb5Conf> or -Dpyspark.krb5Conf")

// each within the connect timeout (10 s): none waited out Hadoop's retries
runs.eachWithIndex { run, i ->
    def seconds = (run =~ /Total time:\s+([\d.]+) s/)
    assert seconds.find() && Double.parseDouble(seconds.group(1)) < 60 : "run ${i + 1} took long:\n$run"
    assert !(messages[i] =~ /\n\s+at [a-z]+\.[a-z]/) : "run ${i + 1} shows a stack trace: ${messages[i]}"
}
return true
