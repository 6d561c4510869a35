import java.util.zip.ZipFile

def zip = new ZipFile(new File(basedir, 'target/scriptjob-1.0-wheelhouse.zip'))
def names = zip.entries().collect { it.name }
assert names.contains('wheels/helperlib-1.2-py3-none-any.whl') : names
assert zip.getInputStream(zip.getEntry('runner.py')).text == new File(basedir, 'src/main/python/job.py').text
def manifest = new groovy.json.JsonSlurper().parse(zip.getInputStream(zip.getEntry('wheelhouse.json')))
assert manifest.script == 'job.py'
assert manifest.entryPoint == null
assert zip.getInputStream(zip.getEntry('requirements.lock')).text =~ /(?m)^helperlib==1\.2 --hash=sha256:[0-9a-f]{64}$/
// the extra wheel, byte for byte
def extra = zip.getEntry('wheels/extra_tool-0.1-py3-none-any.whl')
assert extra != null : names
assert zip.getInputStream(extra).bytes == new File(basedir, 'target/extra/extra_tool-0.1-py3-none-any.whl').bytes
assert zip.getInputStream(zip.getEntry('requirements.lock')).text =~ /(?m)^extra-tool==0\.1 --hash=sha256:[0-9a-f]{64}$/
return true
