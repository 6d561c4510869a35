def log = new File(basedir, 'build.log').text
assert log =~ /Running \S+ -m pip wheel .* --no-index --find-links / : 'Maven offline did not make pip offline'
assert new File(basedir, 'target/offline-job-1.0-wheelhouse.zip').isFile()
return true
