// runs whenever the build found a real pyspark (src/it/real_pyspark.py, which says so when it did not) and pytest's
// wheels (../shared/wheels)
return new File(itPyspark, 'pyspark.zip').exists() && new File(itTestWheels).list()?.any { it.startsWith('pytest-') }
