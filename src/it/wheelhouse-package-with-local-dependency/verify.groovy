import java.util.zip.ZipFile

def zipFile = new File(basedir, 'target/wordjob-1.0-wheelhouse.zip')
assert zipFile.isFile() : "no wheelhouse at $zipFile"

def zip = new ZipFile(zipFile)
def names = zip.entries().collect { it.name }
assert names == names.toSorted() : "entries not sorted: $names"
assert names.contains('wheelhouse.json')
assert names.contains('requirements.lock')
assert names.contains('runner.py')
def wheels = names.findAll { it.startsWith('wheels/') }
assert wheels.collect { it.replaceAll(/-.*/, '') }.toSet() == ['wheels/textlib', 'wheels/wordjob'].toSet() : wheels

// every wheel is STORED and its lock line carries its real sha256
def lock = zip.getInputStream(zip.getEntry('requirements.lock')).text
wheels.each { name ->
    def entry = zip.getEntry(name)
    assert entry.method == java.util.zip.ZipEntry.STORED : "$name is deflated"
    def sha = java.security.MessageDigest.getInstance('SHA-256').digest(zip.getInputStream(entry).bytes).encodeHex().toString()
    assert lock.contains("--hash=sha256:$sha") : "lock lacks the hash of $name:\n$lock"
}
assert lock =~ /(?m)^textlib==0\.3 --hash=sha256:[0-9a-f]{64}$/
assert lock =~ /(?m)^wordjob==1\.0\.0 --hash=sha256:[0-9a-f]{64}$/

def manifest = new groovy.json.JsonSlurper().parse(zip.getInputStream(zip.getEntry('wheelhouse.json')))
assert manifest.entryPoint == 'wordjob.main:run' : 'entry point not detected from console_scripts'
assert manifest.project == 'wordjob'
assert manifest.python.version ==~ /3\.\d+\.\d+/
assert manifest.python.tag ==~ /cp3\d+-.*/
assert manifest.digest ==~ /sha256:[0-9a-f]{64}/
assert manifest.wheels.size() == 2

// the stale build/ of the source tree did not leak, and the build left the source tree clean
def wordjob = wheels.find { it.startsWith('wheels/wordjob') }
def inner = File.createTempFile('wordjob', '.whl')
inner.bytes = zip.getInputStream(zip.getEntry(wordjob)).bytes
assert !new ZipFile(inner).getInputStream(new ZipFile(inner).getEntry('wordjob/main.py')).text.contains('stale')
def src = new File(basedir, 'src/main/python')
assert !new File(src, 'wordjob.egg-info').exists()
assert !new File(src, 'libs/textlib/build').exists()
assert !new File(src, 'libs/textlib/textlib.egg-info').exists()

// the runner calls the entry point with the job's arguments and exits with its return code
def out = new File(basedir, 'target/unpacked')
out.mkdirs()
zip.entries().each { e ->
    def f = new File(out, e.name)
    f.parentFile.mkdirs()
    f.bytes = zip.getInputStream(e).bytes
}
def pythonPath = wheels.collect { new File(out, it).path }.join(File.pathSeparator)
def run = { List args ->
    def pb = new ProcessBuilder([python, new File(out, 'runner.py').path] + args)
    pb.environment().put('PYTHONPATH', pythonPath)
    pb.redirectErrorStream(true)
    def p = pb.start()
    def text = p.inputStream.text
    [p.waitFor(), text]
}
def (rc, text) = run(['a', 'b', 'a'])
assert rc == 0 : text
assert text.contains("counts: [('a', 2), ('b', 1)]") : text
def (rcFail, textFail) = run(['fail'])
assert rcFail == 3 : "runner did not pass the return code through: $rcFail $textFail"
return true
