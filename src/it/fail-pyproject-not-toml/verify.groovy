def log = new File(basedir, 'build.log').text
assert log =~ /\S+\/src\/main\/python\/pyproject\.toml is not valid TOML: line 3, column \d+: .+\. pip reads this file to build the job: fix it \(see https:\/\/toml\.io\)/ : log
assert !log.contains('script job') && !log.contains(' -m pip wheel ')
return true
