"""The word count's own tests: pyspark:test runs them in Maven's test phase, in the job's environment (the
wheelhouse's wheels, pytest beside them) and against a real local Spark, with no Spark installed."""
import sys

import pytest
from pyspark.sql import SparkSession

import textstats
from wordcount.job import SAMPLE, count_words


@pytest.fixture(scope="session")
def spark():
    session = SparkSession.builder.master("local[2]").appName("wordcount-tests").getOrCreate()
    yield session
    session.stop()


def lines(spark, *texts):
    return spark.createDataFrame([(text,) for text in texts], ["value"])


def test_counts_every_word_with_sql_and_a_python_udf(spark):
    counts = {row.word: row.n for row in count_words(spark, lines(spark, *SAMPLE)).collect()}
    assert counts == {"be": 2, "to": 2, "is": 1, "not": 1, "or": 1, "question": 1, "that": 1, "the": 1}


def test_most_frequent_first_then_alphabetical(spark):
    words = [row.word for row in count_words(spark, lines(spark, "b a b", "c a b")).collect()]
    assert words == ["b", "a", "c"]


def test_the_udf_runs_in_the_jobs_environment(spark):
    # the Python workers run the interpreter of the environment the wheelhouse's bootstrap built, as on a node
    executors = spark.sparkContext.parallelize(range(2), 2).map(lambda _: sys.executable).distinct().collect()
    assert executors == [sys.executable]
    assert textstats.__version__ == "0.2.0"
