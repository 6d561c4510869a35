def log = new File(basedir, 'build.log').text
assert log.contains('pyspark-wheelhouse bootstrap: building the environment') : 'the bootstrap did not build a venv'
// the bootstrap's normal progress is information, not a warning (it writes to stderr, as on an executor)
assert log =~ /(?m)^\[INFO\] pyspark-wheelhouse bootstrap: building the environment/
assert !(log =~ /(?m)^\[WARNING\] pyspark-wheelhouse bootstrap:/) : log
assert log.contains('pyspark-verify: imported wordjob.main')
assert log.contains('Verified: the wheelhouse installs offline and its entry point resolves to a function')
// a fresh cache of its own, inside target/
assert new File(basedir, 'target/pyspark-verify/cache').list().length == 1
return true
