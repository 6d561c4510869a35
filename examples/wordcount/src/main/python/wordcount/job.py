"""Counts the words of the given files (or of a built-in text) with PySpark: the DataFrame API, SQL, and
a Python UDF that calls a company library (textstats) on the executors."""
import sys

from pyspark.sql import SparkSession, functions as F  # provided by the cluster's Spark
from pyspark.sql.types import ArrayType, StringType

import textstats

SAMPLE = ["to be or not to be", "that is the question"]


def count_words(spark, lines):
    """The words of a DataFrame of lines (column "value") with how often each occurs, most frequent first."""
    # a Python UDF: the executors run textstats in the virtualenv the wheelhouse's bootstrap built there
    split_words = F.udf(textstats.words, ArrayType(StringType()))
    lines.select(F.explode(split_words("value")).alias("word")).createOrReplaceTempView("words")
    return spark.sql("SELECT word, count(*) AS n FROM words GROUP BY word ORDER BY n DESC, word")


def main():
    spark = SparkSession.builder.appName("wordcount").getOrCreate()
    if len(sys.argv) > 1:
        lines = spark.read.text(sys.argv[1:])
    else:
        lines = spark.createDataFrame([(line,) for line in SAMPLE], ["value"])
    counts = count_words(spark, lines)
    for row in counts.collect():
        print("%s\t%d" % (row.word, row.n))
    print("textstats", textstats.__version__, "python", sys.version.split()[0], "spark", spark.version)
    executors = spark.sparkContext.parallelize(range(2), 2).map(lambda _: sys.executable).distinct().collect()
    print("executors' python:", " ".join(sorted(executors)))
    spark.stop()
    return 0
