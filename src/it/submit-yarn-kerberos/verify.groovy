def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 6 : log
def secure = new Properties()
new File(secureDir, 'secure.properties').withInputStream { secure.load(it) }
def realm = secure.realm
def users = [:] // application → the user YARN ran it as
new File(secureDir, 'applications.properties').eachLine { line ->
    def (app, state) = line.split('=', 2)
    users[app] = state.split(' ')[1]
}
def appOf = { String run -> (run =~ /Submitted YARN application (application_\d+_\d+)/)[0][1] }

// 1. cluster mode from alice's ticket cache: her layers staged privately in her home on the secure HDFS, Spark got the
//    delegation tokens, the application ran as alice and succeeded
def (ticket, client, bob, spark4, stageTicket, stageKeytab) = runs
assert ticket.contains("Kerberos: logging in as alice@${realm} from the ticket cache FILE:${secureDir}/tickets/alice.ccache") : ticket
assert ticket =~ /pyspark-staging: the layers \(spark-runtime, dependencies, pyspark, job\) are PRIVATE: hdfs:\/\/\S+\/user\/alice\/\.pyspark-maven-plugin\/layers is rwx------/ : ticket
// the Spark runtime's upload (265 MB) ends with its size, time and rate
assert ticket =~ /pyspark-staging: spark-runtime layer \S+: staged, \d{9} bytes in [\d.]+ s \([\d.]+ MB\/s\)/ : ticket
def app = appOf(ticket)
assert ticket.contains("YARN application ${app} finished: SUCCEEDED") : ticket
assert users[app] == 'alice' : users

// 2. client mode from a keytab: the service account etl, on behalf of alice; the driver here, its output the build's
assert client.contains("Kerberos: logging in as etl@${realm} from the keytab ${secureDir}/keytabs/etl.keytab") : client
assert !client.contains('keytab content') // the path may show, never the bytes: nothing prints them
app = appOf(client)
assert client =~ /The driver finished successfully; YARN application ${app} ran its executors/ : client
assert client =~ /(?m)^\[INFO\] be\t2$/ : client
assert client =~ /(?m)^\[INFO\] textstats 0\.2\.0 python 3\.\d+\.\d+ spark 3\.5\.5$/ : client
assert users[app] == 'alice' : users // as alice, not as etl
assert client =~ /pyspark-staging: \S+ layer \S+: already staged/ : client // alice's layers, staged by run 1

// 3. bob's job tries to list alice's layers: HDFS refuses bob, the application fails, and its Python traceback (read
//    from YARN's aggregated logs on the secure HDFS, as bob) is in the build
app = appOf(bob)
assert users[app] == 'bob' : users
assert bob =~ /Spark application ${app} failed \(final status FAILED\)/ : bob
assert bob.contains("The driver's output (ApplicationMaster container") : bob
assert bob.contains('Traceback (most recent call last):') : bob
assert bob =~ /Permission denied: user=bob, access=EXECUTE, inode="\/user\/alice\/\.pyspark-maven-plugin":alice:alice:drwx------/ : bob
assert bob =~ /pyspark-staging: the layers \([^)]*\) are PRIVATE: hdfs:\/\/\S+\/user\/bob\/\.pyspark-maven-plugin\/layers/ : bob

// 4. Spark 4.0 from alice's keytab, cluster mode
app = appOf(spark4)
assert spark4.contains("Kerberos: logging in as alice@${realm} from the keytab") : spark4
assert spark4.contains("YARN application ${app} finished: SUCCEEDED") : spark4
assert users[app] == 'alice' : users

// 5, 6. pyspark:stage on the secure cluster, from the ticket cache and from bob's keytab: a relative staging directory
//    is under the user's home
assert stageTicket =~ /pyspark-staging: job layer \S+: (staged|already staged)/ : stageTicket
assert stageTicket =~ /\/user\/alice\/releases\/layers is rwx------/ : stageTicket
assert stageKeytab =~ /\/user\/bob\/releases\/layers is rwx------/ : stageKeytab
return true
