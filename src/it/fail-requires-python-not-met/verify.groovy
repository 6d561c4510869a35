def log = new File(basedir, 'build.log').text
assert log =~ /futurejob requires Python >=3\.99, but the wheelhouse is built with Python 3\.\d+\.\d+: build it with a Python that fits \(<python>, -Dpyspark\.python, or <pythonRuntime>, -Dpyspark\.pythonRuntime\), or relax futurejob's requires-python/ : log
return true
