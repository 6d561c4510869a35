def log = new File(basedir, 'build.log').text
assert log.contains('pyspark-verify: imported clickstream.main') : log
assert log =~ /The job cannot start on the cluster: the entry point clickstream\.main:nosuchfunction \(the console script clickstream in \[project\.scripts\] of pyproject\.toml\) names clickstream\.main\.nosuchfunction, but clickstream\.main \(\S+\/clickstream\/main\.py\) has no 'nosuchfunction'; its top-level names close to it: run_function/ : log
assert !log.contains('Verified:')
return true
