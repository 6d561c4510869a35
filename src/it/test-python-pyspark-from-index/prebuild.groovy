import io.github.sparkwheel.it.ItServers
import io.github.sparkwheel.it.PackageIndex
import io.github.sparkwheel.it.PysparkSdist

// the index: pyspark 3.5.5 as an sdist built from the real pyspark.zip, and the py4j it pins as a wheel
def index = new File(basedir, 'index').toPath()
PysparkSdist.write(new File(itPyspark, 'pyspark.zip').toPath(), new File(itPyspark, 'py4j.zip').toPath(), '3.5.5',
        '0.10.9.7', index)
def server = new PackageIndex(index, null, null)
ItServers.keep(basedir.path, 'index', server)
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('__INDEX_URL__', server.url())
// a cold cache, so that this IT fetches pyspark from the index
new File(localRepositoryPath, '.cache/pyspark-maven-plugin/pyspark/3.5.5').deleteDir()
return true
