def log = new File(basedir, 'build.log').text
// offline sources only (<noIndex>): the message names the missing distribution and where to add it
assert log.contains('no-such-dist-xyz==1.0 was not found in <findLinks> and <noIndex> is set: add it to a <findLinks> directory or unset <noIndex> (-Dpyspark.noIndex)')
assert log.contains('pip exited with code 1; its last lines:')
assert !new File(basedir, 'target/failing-job-1.0-wheelhouse.zip').exists()
return true
