"""A second job on the same runtime."""
import sys

from pyspark.sql import SparkSession


def main():
    spark = SparkSession.builder.getOrCreate()
    print("report rows:", spark.range(10).count(), "python", sys.version.split()[0], sys.base_prefix)
    spark.stop()
