def log = new File(basedir, 'build.log').text
def target = new File(basedir, 'target').path
assert log.contains(": ${target} is a file, not a directory. Check that ${target} is a directory you may write (ls -ld ${target}), or remove it (mvn clean) and build again") : log
assert !log.contains('Exception:') && !log.contains('\tat ')
return true
