// runs whenever the build found a real pyspark (src/it/real_pyspark.py, which says so when it did not)
return new File(itPyspark, 'pyspark.zip').exists()
