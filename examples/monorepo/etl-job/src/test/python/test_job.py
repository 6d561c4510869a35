"""The job's tests: a local Spark with the udfs module's jar on its classpath (its Java UDF from SQL) and the
textkit library in the job's environment (on the Python workers too)."""
import pytest
from pyspark.sql import SparkSession

from etljob.job import SAMPLE, shouted_counts, with_initials


@pytest.fixture(scope="module")
def spark():
    session = SparkSession.builder.master("local[2]").appName("etl-job-tests").getOrCreate()
    yield session
    session.stop()


@pytest.fixture
def lines(spark):
    return spark.createDataFrame([(line,) for line in SAMPLE], ["line"])


def test_the_java_udf_of_the_udfs_module(spark, lines):
    rows = with_initials(spark, lines).collect()
    assert [(row.line, row.initials) for row in rows] == [("that is the question", "TITQ"),
                                                          ("to be or not to be", "TBONTB")]


def test_textkit_on_the_python_workers(lines):
    counts = [(row.word, row["count"]) for row in shouted_counts(lines).collect()]
    assert counts[:2] == [("BE!", 2), ("TO!", 2)]
    assert len(counts) == 8
