"""Counts words with the monorepo's Python library on the executors and labels them with its Java UDF."""
import sys

import textkit
from pyspark.sql import SparkSession, functions as F
from pyspark.sql.types import ArrayType, StringType

SAMPLE = ["to be or not to be", "that is the question"]


def with_initials(spark, lines):
    """The lines (column "line") with their initials, by the udfs module's Java UDF (on the JVM's classpath)."""
    spark.udf.registerJavaFunction("initials", "com.example.udfs.Initials", StringType())
    lines.createOrReplaceTempView("lines")
    return spark.sql("SELECT line, initials(line) AS initials FROM lines ORDER BY line")


def shouted_counts(lines):
    """The words of the lines, shouted by the textkit module's Python code on the executors, most frequent first."""
    words = F.udf(textkit.words, ArrayType(StringType()))
    shout = F.udf(textkit.shout, StringType())
    return (lines.select(F.explode(words("line")).alias("word")).groupBy("word").count()
            .select(shout("word").alias("word"), "count").orderBy(F.desc("count"), "word"))


def main():
    spark = SparkSession.builder.appName("etl-job").getOrCreate()
    lines = spark.createDataFrame([(line,) for line in SAMPLE], ["line"])
    # the udfs module's Java function, shipped as a jar with the job
    for row in with_initials(spark, lines).collect():
        print("initials\t%s\t%s" % (row.initials, row.line))
    # the textkit module's Python code, on the executors
    for row in shouted_counts(lines).collect():
        print("%s\t%d" % (row.word, row["count"]))
    executors = spark.sparkContext.parallelize(range(2), 2).map(lambda _: textkit.__file__).distinct().collect()
    print("textkit on the driver:", textkit.__file__, "python", sys.version.split()[0])
    print("textkit on the executors:", " ".join(sorted(executors)))
    spark.stop()
    return 0
