// The Livy server and its gateway (LivyLauncher, started before the ITs) and a Maven repository over HTTP for deploy;
// their addresses go into pom.xml, the gateway's login into global-settings.xml's <server> livy.
def livy = io.github.sparkwheel.it.ItServers.livy(new File(livyDir)) // they may still be starting
assert livy.spark4Url : "no Livy over Spark 4.0.1: is ../shared/pyspark4 there? ${livy}"
assert livy.gatewayUrl : "no gateway in front of Livy: is nginx installed (.ci/run installs it)? ${livy}"
def repository = new io.github.sparkwheel.it.MavenRepository(new File(basedir, 'repository').toPath())
io.github.sparkwheel.it.ItServers.keep(basedir.path, 'repository', repository)
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('__REPOSITORY_URL__', repository.url()).replace('__GATEWAY_URL__', livy.gatewayUrl)
        .replace('__LIVY_URL__', livy.url)
        .replace('__LIVY4_URL__', livy.spark4Url).replace('__GATEWAY_CA__', livy.gatewayCa)
new File(basedir, 'global-settings.xml').text = """<settings>
  <servers>
    <server>
      <id>livy</id>
      <username>${livy.gatewayUser}</username>
      <password>${livy.gatewayPassword}</password>
    </server>
  </servers>
</settings>
"""
return true
