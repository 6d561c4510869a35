"""Counts a little, then stays up for the given number of seconds."""
import sys
import time

from pyspark.sql import SparkSession

CODE = "v1"


def main():
    spark = SparkSession.builder.getOrCreate()
    print("job code", CODE, "counted", spark.range(10).count())
    time.sleep(int(sys.argv[1]))
    spark.stop()
