def log = new File(basedir, 'build.log').text
assert log.contains('The Python runtime org.example.nowhere:no-such-python:3.12.0:jar:linux-x86_64 could not be resolved: ') : log
assert log.contains('Perhaps you should fix <pythonRuntime> or -Dpyspark.pythonRuntime (e.g. org.bytedeco:cpython:3.11.3-1.5.9:jar:linux-x86_64 from Maven Central)')
assert !log.contains(' -m pip wheel ') : 'pip must not start'
assert !new File(basedir, 'target/fail-python-runtime-not-resolvable-1.0-wheelhouse.zip').exists()
return true
