import io.github.sparkwheel.it.ItServers
def url = new File(basedir, 'index-url.txt').text
def log = new File(basedir, 'build.log').text
try {
    assert ItServers.kept(basedir.path, 'index').requests() > 0 : 'pip never asked the index'
    assert log.contains("The package index answered for privlib==1.0 with a page that lists no files (${url}/privlib/): is <indexUrl> (-Dpyspark.indexUrl) the index's PEP 503 'simple' URL, and not a login or welcome page?") : log
} finally {
    ItServers.stop(basedir.path, 'index')
}
return true
