"""Squares numbers with a C extension on the executors, on a machine that has no Python of its own."""
import sys

from pyspark.sql import SparkSession


def main():
    spark = SparkSession.builder.getOrCreate()
    squares = spark.sparkContext.parallelize(range(1, 5), 2).map(lambda n: __import__("cstats").square(n)).collect()
    print("squares:", " ".join(map(str, squares)), "python", sys.version.split()[0], sys.base_prefix)
    spark.stop()
