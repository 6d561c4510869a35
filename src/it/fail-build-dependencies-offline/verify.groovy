def log = new File(basedir, 'build.log').text
assert log =~ /pip could not install the build dependencies of \S+\/target\/pyspark-wheelhouse\/src \(what its pyproject\.toml's \[build-system\] requires\): setuptools>=40\.8 was not found; pip looked in the find-links \S+\/empty-links only, and in no index \(Maven is offline, -o\)\. Add its wheels \(setuptools and wheel, for most projects\) to a <findLinks> directory \(-Dpyspark\.findLinks\), or build online/ : log
assert log.contains('ERROR: Could not find a version that satisfies the requirement setuptools>=40.8 (from versions: none)')
// pip's log is kept, and the message says where
def kept = new File(basedir, 'target/pyspark-wheelhouse/pip.log')
assert kept.isFile() && log.contains("pip's log, all of it: " + kept.path)
assert kept.text.contains('No matching distribution found for setuptools>=40.8')
assert !(log =~ /\[ERROR\].*(?i)see above/) : 'no error line may point elsewhere'
return true
