def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 2 : log
def wheel = { String module, String name -> new File(basedir, "$module/target/pyspark-wheel/wheel/$name-2.1.0.dev0-py3-none-any.whl") }
def entries = { String job ->
    def zip = new java.util.zip.ZipFile(new File(basedir, "$job/target/$job-2.1.0-SNAPSHOT-wheelhouse.zip"))
    def found = zip.entries().toList().findAll { it.name.startsWith('wheels/') }.collectEntries { [(it.name - 'wheels/'): zip.getInputStream(it).bytes] }
    zip.close()
    found
}
// job-a names only textkit; corelib comes along through textkit's Maven dependency, both the reactor's very wheels
['job-a', 'job-b'].each { job ->
    def wheels = entries(job)
    assert wheels['corelib-2.1.0.dev0-py3-none-any.whl'] == wheel('corelib', 'corelib').bytes : "$job: ${wheels.keySet()}"
    assert wheels['textkit-2.1.0.dev0-py3-none-any.whl'] == wheel('textkit', 'textkit').bytes
    assert wheels.keySet().findAll { it.contains('9.0.0') }.isEmpty() : "$job took a decoy: ${wheels.keySet()}"
    def lock = new java.util.zip.ZipFile(new File(basedir, "$job/target/$job-2.1.0-SNAPSHOT-wheelhouse.zip"))
    def text = lock.getInputStream(lock.getEntry('requirements.lock')).text
    lock.close()
    assert text =~ /(?m)^corelib==2\.1\.0\.dev0 --hash=sha256:[0-9a-f]{64}$/
    assert text =~ /(?m)^textkit==2\.1\.0\.dev0 --hash=sha256:[0-9a-f]{64}$/
}
// job-b is built from its pylock.toml: fixdep at the locked 1.0 beside the reactor's library wheels
assert runs[0] =~ /Took 1 locked packages from the PEP 751 lock \S+job-b\/src\/main\/python\/pylock\.toml \(fixdep 1\.0\)/ : runs[0]
assert entries('job-b').keySet().sort() == ['corelib-2.1.0.dev0-py3-none-any.whl', 'fixdep-1.0-py3-none-any.whl',
        'jobb-1.0-py3-none-any.whl', 'textkit-2.1.0.dev0-py3-none-any.whl']
assert !entries('job-a').keySet().any { it.startsWith('fixdep') }
assert runs[0] =~ /job-a \.+ SUCCESS/ && runs[0] =~ /job-b \.+ SUCCESS/
// the second parallel build: every module up to date, pip started by none
assert (runs[1] =~ /Wheel \S+ is up to date/).size() == 2
assert (runs[1] =~ /Wheelhouse \S+ is up to date/).size() == 2
assert !(runs[1] =~ /Running \S+ -m pip wheel/)
// nothing shared: each module's pip ran on its own copy, in its own target/, with its own pip cache (mvn -T)
['corelib', 'textkit', 'job-a', 'job-b'].each { m ->
    assert new File(basedir, "$m/target/" + (m.startsWith('job') ? 'pyspark-wheelhouse' : 'pyspark-wheel') + '/src').isDirectory()
    def cache = new File(basedir, "$m/target/pyspark-pip-cache").path
    assert runs[0].contains("A parallel build: pip caches in $cache, this module's own") : m
}
return true
