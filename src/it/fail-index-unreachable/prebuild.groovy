// a port nobody listens on: bound, then closed
def socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())
def port = socket.localPort
socket.close()
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('__INDEX_URL__', "http://127.0.0.1:${port}/simple")
new File(basedir, 'index-url.txt').text = "http://127.0.0.1:${port}/simple"
return true
