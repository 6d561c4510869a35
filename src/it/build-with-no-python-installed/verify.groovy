def log = new File(basedir, 'build.log').text
def bin = new File(basedir.parentFile.parentFile, 'it-bin-without-python')
assert !bin.list().any { it.contains('python') } : bin.list()
// the plugin's default <python>, python3, is nowhere on this PATH: had it been started, the build would have failed
assert log =~ /Python runtime org\.bytedeco:cpython:3\.10\.8-1\.5\.8:jar:linux-x86_64 \(CPython 3\.10, glibc 2\.17\+, x86_64\) at \S+/
def zip = new java.util.zip.ZipFile(new File(basedir, 'target/no-python-job-1.0-wheelhouse.zip'))
assert zip.entries().toList()*.name.any { it ==~ /wheels\/cstats-0\.3-cp310-cp310-linux_x86_64\.whl/ } : 'gcc built it for the runtime'
zip.close()
assert log.contains('pyspark-verify: imported nopyjob') : log
assert log.contains('Verified: the wheelhouse installs offline and its entry point resolves to a function')
assert log =~ /(?m)^\[INFO\] squares: 1 4 9 16 python 3\.10\.8 \S+\/python-runtimes\/[0-9a-f]{16}-node\/tree$/ : log
assert log.contains('spark-submit finished successfully')
assert log.contains('BUILD SUCCESS')
// the bill of materials names the Python that ships with the job: the runtime's archive and the CPython in it
def bom = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/no-python-job-1.0-cyclonedx.json'))
def archive = bom.components.find { it.purl == 'pkg:maven/org.bytedeco/cpython@3.10.8-1.5.8?classifier=linux-x86_64&type=jar' }
assert archive && archive.hashes[0].content ==~ /[0-9a-f]{64}/ : bom.components
// the interpreter inside the archive (the archive's own component is named cpython too, after its artifactId)
def cpython = bom.components.find { it.cpe?.startsWith('cpe:2.3:a:python:python:') }
assert cpython && cpython.name == 'cpython' && cpython.version == '3.10.8' : bom.components
assert cpython.cpe == 'cpe:2.3:a:python:python:3.10.8:*:*:*:*:*:*:*' : cpython
assert cpython.licenses[0].license.id == 'PSF-2.0'
assert bom.dependencies.find { it.ref == archive.'bom-ref' }.dependsOn == [cpython.'bom-ref']
assert bom.dependencies[0].dependsOn.contains(archive.'bom-ref')
return true
