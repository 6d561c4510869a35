def log = new File(basedir, 'build.log').text
assert log =~ /junit:junit:4\.13\.2:jar \(\S+junit-4\.13\.2\.jar\) holds no CPython: looked for bin\/python3 beside lib\/python3\.X\/os\.py, as in org\.bytedeco:cpython jars \(org\/bytedeco\/cpython\/<platform>\/bin\/python3\) and python-build-standalone install_only archives \(python\/bin\/python3\)\. Perhaps you should fix <pythonRuntime> or -Dpyspark\.pythonRuntime/ : log
assert !log.contains(' -m pip wheel ') : 'pip must not start'
return true
