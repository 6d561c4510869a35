"""Calls the build's Java UDF from PySpark SQL and writes the result with the spark-avro connector."""
import sys

from pyspark.sql import SparkSession
from pyspark.sql.types import StringType


def main():
    spark = SparkSession.builder.getOrCreate()
    spark.udf.registerJavaFunction("shout", "com.example.udfs.Shout", StringType())
    words = spark.createDataFrame([("hello",), ("wheelhouse",)], ["word"])
    words.createOrReplaceTempView("words")
    path = sys.argv[1]
    spark.sql("SELECT shout(word) AS word FROM words").write.format("avro").mode("overwrite").save(path)
    back = sorted(row.word for row in spark.read.format("avro").load(path).collect())
    print("avro round trip:", " ".join(back))
    executors = spark.sparkContext.parallelize(range(2), 2).map(lambda _: sys.executable).distinct().collect()
    print("executors' python:", " ".join(sorted(executors)))
    spark.stop()
