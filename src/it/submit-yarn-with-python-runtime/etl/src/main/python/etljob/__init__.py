"""A PySpark job with a DataFrame, SQL, a Python UDF calling a C extension, and a look at the Python it runs on."""
import sys

from pyspark.sql import SparkSession, functions as F
from pyspark.sql.types import LongType


def where(_):
    import cstats

    return [(sys.version.split()[0], sys.executable, sys.base_prefix, cstats.__file__)]


def main():
    spark = SparkSession.builder.getOrCreate()
    square = F.udf(lambda n: __import__("cstats").square(n), LongType())  # the C extension, on the executors
    spark.range(1, 5).select(square("id").alias("sq")).createOrReplaceTempView("squares")
    total = spark.sql("SELECT sum(sq) AS total FROM squares").collect()[0].total
    print("sum of squares:", total)
    print("driver python:", sys.version.split()[0], sys.executable, sys.base_prefix)
    for version, executable, base, cstats in sorted(set(spark.sparkContext.parallelize(range(2), 2).mapPartitions(where).collect())):
        print("executor python:", version, executable, base, cstats)
    print("spark", spark.version)
    spark.stop()
