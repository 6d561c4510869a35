def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 6 : log
def livy = new Properties()
new File(livyDir, 'livy.properties').withInputStream { livy.load(it) }
def error = { String run ->
    def m = (run =~ /(?s)\[ERROR\] Failed to execute goal [^:]+:[^:]+:[^:]+:submit \(default-cli\) on project livy-failures: (.*?) -> \[Help 1\]/)
    assert m.find() : run
    m.group(1)
}
def messages = runs.collect { error(it) }
def expect = { int i, String text -> assert messages[i].contains(text) : "run ${i + 1}: ${messages[i]}" }
def gateway = livy.gatewayUrl

// no batch was created by any run, and the password is in no output
assert !(log =~ /Livy batch \d+ created/) : log
assert !log.contains(livy.gatewayPassword)
expect(0, "There is no Livy batch API at ${gateway.replaceAll('/v1$', '')}/batches?from=0&size=0 (HTTP 404: 404 Not Found): is <livyUrl> (-Dpyspark.livyUrl) Livy's address, with the gateway's path prefix if there is one (Knox: https://<gateway>/gateway/<topology>/livy/v1)?")
expect(1, "Livy at ${gateway} refused the login (HTTP 401: 401 Authorization Required) while reaching Livy: no credentials were sent; add a <server> with the id 'livy' and your <username> and <password> to Maven's settings.xml, or perhaps you should set <livyServerId> (-Dpyspark.livyServerId)")
expect(2, "Livy at ${gateway} refused the login (HTTP 401: 401 Authorization Required) while reaching Livy: check the <username> and <password> of the <server> 'livy' in Maven's settings.xml")
expect(3, "The TLS connection to ${gateway} failed (PKIX path building failed")
expect(3, "perhaps you should set <livyTrustStore> (-Dpyspark.livyTrustStore) to that CA's certificate (PEM) or a trust store holding it")
assert messages[4] ==~ /Livy at http:\/\/127\.0\.0\.1:\d+ could not be reached \(connection refused\): check <livyUrl> \(-Dpyspark\.livyUrl\), that this machine may reach it \(VPN, proxy, firewall\), or wait longer with <connectTimeout> \(-Dpyspark\.connectTimeout\)/ : messages[4]
expect(5, "Livy refused creating the batch (HTTP 400: requirement failed: Local path ${basedir}/target/not-whitelisted/")
expect(5, "cannot be added to user sessions.): Livy accepts local files only below its livy.file.local-dir-whitelist; perhaps you should set <livyLocalDirectory> (-Dpyspark.livyLocalDirectory)")
// none of them is a Java stack trace
runs.each { assert !(it =~ /(?m)^\s+at [a-z]+\.[a-z]+\./) : it }
return true
