import io.github.sparkwheel.it.BrokenIndex
import io.github.sparkwheel.it.ItServers
def index = new BrokenIndex(200, "<html><body><h1>Welcome to Nexus</h1><form action=\"/login\">Please log in</form></body></html>")
ItServers.keep(basedir.path, 'index', index)
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('__INDEX_URL__', index.url())
new File(basedir, 'index-url.txt').text = index.url()
return true
