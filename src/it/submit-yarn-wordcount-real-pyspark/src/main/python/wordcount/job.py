"""Counts the words of the given files (or of a built-in text) with PySpark."""
import sys
from operator import add

import textstats

SAMPLE = ["to be or not to be", "that is the question"]


def main():
    from pyspark.sql import SparkSession  # provided by the cluster's Spark

    spark = SparkSession.builder.appName("wordcount").getOrCreate()
    sc = spark.sparkContext
    lines = sc.textFile(",".join(sys.argv[1:])) if len(sys.argv) > 1 else sc.parallelize(SAMPLE)
    counts = lines.flatMap(textstats.words).map(lambda word: (word, 1)).reduceByKey(add).collect()
    for word, count in sorted(counts, key=lambda wc: (-wc[1], wc[0])):
        print("%s\t%d" % (word, count))
    print("textstats", textstats.__version__, "python", sys.version.split()[0])
    spark.stop()
    return 0
