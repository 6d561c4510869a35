def socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())
def port = socket.localPort
socket.close()
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('__STAGING__', "hdfs://127.0.0.1:${port}/it/nowhere")
new File(basedir, 'nn-port.txt').text = "${port}"
return true
