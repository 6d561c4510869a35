assert !new File(basedir, 'target/skipped-job-1.0-wheelhouse.zip').exists()
assert new File(basedir, 'build.log').text.contains('Skipping wheelhouse: pyspark.wheelhouse.skip is set')
return true
