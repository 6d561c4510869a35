import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def zip = new java.util.zip.ZipFile(new File(basedir, 'target/for-another-platform-1.0-wheelhouse.zip'))
def names = zip.entries().toList()*.name.findAll { it.startsWith('wheels/') }.sort()
assert names == ['wheels/armjob-1.0-py3-none-any.whl', 'wheels/fastmath-1.0-cp310-cp310-manylinux2014_aarch64.whl',
                 'wheels/purehelp-2.0-py3-none-any.whl'] : names
def manifest = new JsonSlurper().parseText(zip.getInputStream(zip.getEntry('wheelhouse.json')).text)
zip.close()
assert manifest.target == [python: '3.10', implementation: 'cp', abi: 'cp310', platforms: ['manylinux2014_aarch64']]
assert manifest.python.majorMinor == '3.10' && manifest.python.tag == 'cp310-cp310-manylinux2014_aarch64'

// pip downloaded for the target, not for this machine
assert log =~ /Running \S+ -m pip download --dest \S+ .*--only-binary=:all: --platform manylinux2014_aarch64 .*--python-version 3\.10 --implementation cp --abi cp310/
assert log.contains('fetched its dependencies\' wheels for CPython 3.10 on manylinux2014_aarch64')
// verify could not start it here, and says so, after checking the tags
assert log.contains('pyspark-verify: the wheelhouse is for CPython 3.10 on manylinux2014_aarch64, not for this machine')
assert log.contains('checked the tags of its 3 wheels against the target, all fit; the entry point could not be import-checked here')
// the <findLink> of an unset variable: ignored, said
assert log.contains("Ignoring the entry '\${env.PYSPARK_IT_NEVER_SET}' of <findLinks>: it names a property that is not set") ||
        log.contains('Ignoring an empty entry of <findLinks> (a property that is not set?)') : log
return true
