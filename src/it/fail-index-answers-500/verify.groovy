import io.github.sparkwheel.it.ItServers
def url = new File(basedir, 'index-url.txt').text
def log = new File(basedir, 'build.log').text
try {
    assert ItServers.kept(basedir.path, 'index').requests() > 0 : 'pip never asked the index'
    assert log =~ /The package index failed: it answered HTTP 500 for ${java.util.regex.Pattern.quote(url)}\/\w+\/, on every retry\. The index is broken or overloaded, not your build: try again later or tell its administrators/ : log
    assert !log.contains('pip found no distribution for')
} finally {
    ItServers.stop(basedir.path, 'index')
}
return true
