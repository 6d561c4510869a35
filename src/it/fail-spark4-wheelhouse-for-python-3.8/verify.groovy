def log = new File(basedir, 'build.log').text
// the wheelhouse was built, for the nodes' Python 3.8
assert new File(basedir, 'target/python38-job-1.0-wheelhouse.zip').isFile() : log
assert log.contains('[ERROR] Failed to execute goal') && log.contains('Spark 4.0.1 needs Python 3.9 or newer on the '
        + 'driver and the executors, but python38-job-1.0-wheelhouse.zip was built for Python 3.8 (its wheels run only '
        + 'there): rebuild it for a Python 3.9+ that the cluster\'s nodes run, with <python> (-Dpyspark.python) or '
        + '<targetPython> (-Dpyspark.targetPython)') : log
// before Spark 4 was resolved: nothing was downloaded for it, nothing staged, nothing submitted
assert !new File(basedir, 'target/pyspark-submit').list()?.any { it.endsWith('.classpath') }
assert !log.contains('Submitting ')
assert !log.contains('spark-core_2.13')
return true
