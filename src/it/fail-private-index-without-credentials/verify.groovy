import io.github.sparkwheel.it.ItServers

def index = ItServers.kept(basedir.path, 'index')
def requests = index.requests()
ItServers.stop(basedir.path, 'index')
assert requests.contains('GET /simple/privlib/ 401') : requests
def log = new File(basedir, 'build.log').text
assert log.contains("The package index refused pip's credentials (HTTP 401 for ${index.url()}/privlib/): perhaps you "
        + "should set <indexServerId> (-Dpyspark.indexServerId) or <extraIndexServerIds> to the settings.xml <server>") : log
return true
