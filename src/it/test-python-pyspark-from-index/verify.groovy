import io.github.sparkwheel.it.ItServers
import io.github.sparkwheel.it.PysparkSdist

def index = ItServers.kept(basedir.path, 'index')
def requests = index.requests()
ItServers.stop(basedir.path, 'index')
def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 2 : log

// 1. mvn test: pyspark 3.5.5's Python side from the index, once; the tests ran on it with Spark's jars from Maven
def first = runs[0]
assert first.contains("No Spark home and no <pysparkArchives>: fetching pyspark 3.5.5's Python side from the Python index once") : first
assert first =~ /Kept pyspark 3\.5\.5's Python package \(\d+ files\) and py4j 0\.10\.9\.7; dropped the rest of pyspark-3\.5\.5\.tar\.gz/
assert first.contains('[INFO] Tests run: 3, Failures: 0, Errors: 0, Skipped: 0') : first
assert requests.count('GET /files/pyspark-3.5.5.tar.gz 200') == 1 : requests
assert requests.count('GET /files/py4j-0.10.9.7-py2.py3-none-any.whl 200') == 1 : requests

// the cache holds pyspark's Python package and py4j's, never Spark's jars
def cache = new File(localRepositoryPath, '.cache/pyspark-maven-plugin/pyspark/3.5.5')
def names = { String file -> def z = new java.util.zip.ZipFile(new File(cache, file)); def n = z.entries()*.name; z.close(); n }
def pyspark = names('pyspark.zip')
assert pyspark.contains('pyspark/sql/session.py')
assert pyspark.every { it.startsWith('pyspark/') }
assert !pyspark.any { it.endsWith('.jar') || it.contains(PysparkSdist.JAR) } : pyspark.findAll { it.endsWith('.jar') }
assert names('py4j-0.10.9.7-src.zip').contains('py4j/java_gateway.py')

// 2. the same resolution serves submit: the word count in local[2], pyspark from the cache, nothing fetched again
def second = runs[1]
assert !second.contains('fetching pyspark') : second
assert second.contains('Skipping test: skipTests is set') // they ran in the first build
assert second =~ /(?m)^\[INFO\] be\t2$/ : second
assert second =~ /(?m)^\[INFO\] textstats 0\.2\.0 python 3\.\d+\.\d+ spark 3\.5\.5$/
assert second.contains('spark-submit finished successfully')
return true
