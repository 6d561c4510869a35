"""Squares numbers on the executors with a C extension that the wheelhouse carries as a platform wheel."""
from pyspark.sql import SparkSession


def square_on_executor(n):
    import cstats  # the C extension, installed on each node by the wheelhouse's bootstrap

    return cstats.square(n), cstats.__file__


def main():
    spark = SparkSession.builder.getOrCreate()
    results = spark.sparkContext.parallelize(range(1, 5), 2).map(square_on_executor).collect()
    print("squares:", " ".join(str(square) for square, _ in results))
    for path in sorted({path for _, path in results}):
        print("cstats on the executors:", path)
    print("spark", spark.version)
    spark.stop()
