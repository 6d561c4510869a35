import io.github.sparkwheel.it.BrokenIndex
import io.github.sparkwheel.it.ItServers
def index = new BrokenIndex(500, '<html><body>Internal Server Error</body></html>')
ItServers.keep(basedir.path, 'index', index)
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('__INDEX_URL__', index.url())
new File(basedir, 'index-url.txt').text = index.url()
return true
