// runs whenever the build found a real pyspark of both Spark lines (src/it/real_pyspark.py, which says so when it did not)
return new File(itPyspark, 'pyspark.zip').exists() && new File(itPyspark4, 'pyspark.zip').exists()
