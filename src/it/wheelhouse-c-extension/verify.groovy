import java.util.zip.ZipFile

def zip = new ZipFile(new File(basedir, 'target/cjob-1.0-wheelhouse.zip'))
def wheels = zip.entries().collect { it.name }.findAll { it.startsWith('wheels/') }
def nativeWheel = wheels.find { it.startsWith('wheels/fastsum-0.1-') }
assert nativeWheel != null : wheels
assert nativeWheel ==~ /wheels\/fastsum-0\.1-cp3\d+-cp3\d+-linux_x86_64\.whl/ : "not a platform wheel: $nativeWheel"
assert wheels.any { it ==~ /wheels\/cjob-2\.0-py3-none-any\.whl/ } : wheels

def manifest = new groovy.json.JsonSlurper().parse(zip.getInputStream(zip.getEntry('wheelhouse.json')))
assert manifest.entryPoint == 'cjob.app:main'
assert manifest.wheels.find { it.name == 'fastsum' }.tags ==~ /cp3\d+-cp3\d+-linux_x86_64/
zip.close()
// no <targetPlatforms>: the build says once which nodes this wheelhouse is for
def log = new File(basedir, 'build.log').text
assert log =~ /\[INFO\] The wheelhouse holds platform wheels \(fastsum-0\.1-cp3\d+-cp3\d+-linux_x86_64\.whl\): it runs on nodes with cpython 3\.\d+ on linux_x86_64, like this machine\. If the cluster's nodes differ, set <targetPlatforms> and <targetPython>/
assert (log =~ /The wheelhouse holds platform wheels/).size() == 1
return true
