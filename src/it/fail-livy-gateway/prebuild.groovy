// The Livy server and its gateway (LivyLauncher, started before the ITs): their addresses go into pom.xml, the
// gateway's login into global-settings.xml, a wrong password into wrong-password.xml.
def livy = io.github.sparkwheel.it.ItServers.livy(new File(livyDir)) // they may still be starting
assert livy.gatewayUrl : "no gateway in front of Livy: is nginx installed (.ci/run installs it)? ${livy}"
int free
new ServerSocket(0, 1, InetAddress.getLoopbackAddress()).withCloseable { free = it.localPort }
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('__GATEWAY_PREFIX_WITHOUT_V1__', livy.gatewayUrl.replaceAll('/v1$', ''))
        .replace('__GATEWAY_URL__', livy.gatewayUrl).replace('__LIVY_URL__', livy.url)
        .replace('__GATEWAY_CA__', livy.gatewayCa).replace('__NOBODY_LISTENS__', "http://127.0.0.1:${free}")
def settings = { String password -> """<settings>
  <servers>
    <server>
      <id>livy</id>
      <username>${livy.gatewayUser}</username>
      <password>${password}</password>
    </server>
  </servers>
</settings>
""" }
new File(basedir, 'global-settings.xml').text = settings(livy.gatewayPassword)
new File(basedir, 'wrong-password.xml').text = settings('not-' + livy.gatewayPassword)
new File(basedir, 'target/not-whitelisted').mkdirs()
return true
