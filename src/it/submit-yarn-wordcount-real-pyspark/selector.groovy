def home = System.getenv('PYSPARK_IT_SPARK_HOME')
def zip = System.getenv('PYSPARK_IT_PYSPARK_ZIP')
if (!home && !zip) {
    println 'SKIPPED: the real PySpark word count on YARN (cluster and client mode) needs a real pyspark: set ' +
            'PYSPARK_IT_SPARK_HOME to a Spark 3.5 home, or PYSPARK_IT_PYSPARK_ZIP and PYSPARK_IT_PY4J_ZIP'
    return false
}
return true
