import io.github.sparkwheel.it.ItServers

def index = ItServers.kept(basedir.path, 'index')
def requests = index.requests()
ItServers.stop(basedir.path, 'index')

def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 2 : log
assert runs[0].contains('[DEBUG]') : 'the first build runs with -X'
// both logins worked: pip fetched privlib from the index, authorised
assert requests.count { it == 'GET /simple/privlib/ 200' } == 2 : requests
assert requests.count { it == 'GET /files/privlib-1.0-py3-none-any.whl 200' } == 2 : requests
assert runs[0].contains("pip's index: ${index.url()} (credentials of <server> corp-pypi-encrypted)")
assert runs[1].contains("pip's index: ${index.url()} (credentials of <server> corp-pypi)")
// the password, in any spelling, is nowhere: not in -X output, not on pip's command line
['Pa55:w@rd!', 'Pa55%3Aw%40rd%21', 'Pa55'].each { assert !log.contains(it) : "the password leaked: $it" }
def running = runs.collect { r -> r.readLines().find { it.contains(' -m pip wheel ') } }
running.each { assert it != null && !it.contains(index.url()) && !it.contains('ana') : it }
// the netrc that held it is gone with pip's temporary directory
assert !new File(basedir, 'target/pyspark-wheelhouse/tmp').exists()
def zip = new java.util.zip.ZipFile(new File(basedir, 'target/private-index-credentials-1.0-wheelhouse.zip'))
assert zip.getEntry('wheels/privlib-1.0-py3-none-any.whl') != null
assert !zip.getInputStream(zip.getEntry('wheelhouse.json')).text.contains('Pa55')
zip.close()
return true
