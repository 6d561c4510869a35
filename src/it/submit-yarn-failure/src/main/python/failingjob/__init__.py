"""A PySpark job that finds no input: it raises after its SparkSession has done some work."""
import sys

from pyspark.sql import SparkSession


def main():
    spark = SparkSession.builder.getOrCreate()
    seen = spark.range(3).count()
    raise ValueError("no input for %s (%d rows seen)" % (sys.argv[1], seen))
