def log = new File(basedir, 'build.log').text
assert log.contains('(no pyproject.toml, setup.py or requirements.txt), perhaps you should set <sourceDirectory> or -Dpyspark.sourceDirectory') : 'build.log lacks: ' + '(no pyproject.toml, setup.py or requirements.txt), perhaps you should set <sourceDirectory> or -Dpyspark.sourceDirectory'
assert !new File(basedir, 'target/failing-job-1.0-wheelhouse.zip').exists()
return true
