"""A script job: the total per region of a few sales, by SQL."""
from pyspark.sql import SparkSession

SALES = [("north", 3), ("south", 5), ("north", 4)]


def totals(spark):
    spark.createDataFrame(SALES, ["region", "amount"]).createOrReplaceTempView("sales")
    return {row.region: row.total for row in
            spark.sql("SELECT region, sum(amount) AS total FROM sales GROUP BY region").collect()}


if __name__ == "__main__":
    session = SparkSession.builder.appName("report").getOrCreate()
    print(totals(session))
    session.stop()
