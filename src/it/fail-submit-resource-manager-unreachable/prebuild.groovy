// a port nobody listens on: bound, then closed
def socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())
def port = socket.localPort
socket.close()
new File(basedir, 'hadoop-conf').mkdirs() // an empty directory is not in git
new File(basedir, 'hadoop-conf/yarn-site.xml').text = """<?xml version="1.0"?>
<configuration>
  <property><name>yarn.resourcemanager.address</name><value>127.0.0.1:${port}</value></property>
</configuration>
"""
new File(basedir, 'hadoop-conf/core-site.xml').text = '<?xml version="1.0"?>\n<configuration/>\n'
new File(basedir, 'rm-port.txt').text = "${port}"
return true
