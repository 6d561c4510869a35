import io.github.sparkwheel.it.ItServers

def index = ItServers.kept(basedir.path, 'index')
def proxy = ItServers.kept(basedir.path, 'proxy')
def indexRequests = index.requests()
def proxyRequests = proxy.requests()
ItServers.stop(basedir.path, 'index')
ItServers.stop(basedir.path, 'proxy')

def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 2 : log
// the first build went through the proxy, with its credentials; the second straight to the index
assert proxyRequests.contains("GET ${index.url()}/privlib/ 200".toString()) : proxyRequests
assert proxyRequests.every { !it.endsWith(' 407') } : proxyRequests
def first = indexRequests.findIndexOf { it == 'GET /simple/privlib/ 200 via proxy' }
def second = indexRequests.findIndexOf { it == 'GET /simple/privlib/ 200' }
assert first >= 0 && second > first : indexRequests
assert indexRequests.drop(second).every { !it.endsWith('via proxy') } : "the second build used the proxy: $indexRequests"
assert runs[0].contains("pip's http proxy: http://proxyuser:*****@127.0.0.1:${proxy.port()} (settings.xml <proxy> corp-proxy)")
assert runs[0].contains("pip's proxy is not used for .corp.example,localhost (<nonProxyHosts>)")
assert runs[1].contains("pip's proxy is not used for .corp.example,127.0.0.1 (<nonProxyHosts>)")
['Pr0xy:pw#1', 'Pr0xy%3Apw%231'].each { assert !log.contains(it) : "the proxy password leaked: $it" }
return true
