// an expired ticket, as a person's kinit of yesterday leaves it: kinit for ten seconds, then wait them out; and a
// krb5.conf whose KDC is a closed port
def secure = new Properties()
new File(secureDir, 'secure.properties').withInputStream { secure.load(it) }
def cache = new File(secureDir, 'tickets/fail-kerberos-expired.ccache')
cache.parentFile.mkdirs()
cache.delete()
def kinit = ['kinit', '-l', '10s', '-kt', "${secure.keytabs}/alice.keytab", "alice@${secure.realm}"]
        .execute(["KRB5_CONFIG=${secure.krb5Conf}", "KRB5CCNAME=FILE:${cache}", "PATH=${System.getenv('PATH')}"], basedir)
def out = new StringBuilder(), err = new StringBuilder()
kinit.consumeProcessOutput(out, err)
assert kinit.waitFor() == 0 : "kinit failed (is MIT's krb5-user installed? .ci/run installs it): $out $err"
new File(secureDir, 'tickets/nobody.ccache').delete()

def closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())
def port = closed.localPort
closed.close()
new File(basedir, 'target').mkdirs()
new File(basedir, 'target/krb5-kdc-down.conf').text = new File(secure.krb5Conf).text.replaceAll(/kdc = 127\.0\.0\.1:\d+/, "kdc = 127.0.0.1:${port}")
Thread.sleep(11_000)
return true
