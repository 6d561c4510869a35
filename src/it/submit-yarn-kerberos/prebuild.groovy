// alice logs in as a person at an edge node does: MIT kinit, from her keytab here, into the ticket cache that
// invoker.properties names as KRB5CCNAME for every run of this IT
def secure = new Properties()
new File(secureDir, 'secure.properties').withInputStream { secure.load(it) }
def cache = new File(secureDir, 'tickets/alice.ccache')
cache.parentFile.mkdirs()
cache.delete()
def kinit = ['kinit', '-kt', "${secure.keytabs}/alice.keytab", "alice@${secure.realm}"]
        .execute(["KRB5_CONFIG=${secure.krb5Conf}", "KRB5CCNAME=FILE:${cache}", "PATH=${System.getenv('PATH')}"], basedir)
def out = new StringBuilder(), err = new StringBuilder()
kinit.consumeProcessOutput(out, err)
assert kinit.waitFor() == 0 : "kinit failed (is MIT's krb5-user installed? .ci/run installs it): $out $err"
assert cache.length() > 0
return true
