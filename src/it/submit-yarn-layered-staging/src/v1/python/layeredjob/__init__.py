"""Runs its own code and a dependency on the executors, and says which of each they ran."""
import sys

import textlib
from pyspark.sql import SparkSession

CODE = "v1"


def on_executor(line):
    # a function of this module: the executors import it from the job layer's site/
    return CODE, textlib.VERSION, sys.executable, len(textlib.words(line))


def main():
    spark = SparkSession.builder.getOrCreate()
    results = spark.sparkContext.parallelize(["a b", "c d e"], 2).map(on_executor).collect()
    print("driver ran job code", CODE, "with textlib", textlib.VERSION)
    print("executors ran", " ".join(sorted({"job code %s with textlib %s" % (c, v) for c, v, _, _ in results})))
    print("executors' python:", " ".join(sorted({python for _, _, python, _ in results})))
    print("words:", sum(n for _, _, _, n in results))
    spark.stop()
