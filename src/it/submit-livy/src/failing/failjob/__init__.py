"""A job that runs one Spark query, then fails (or, with the argument sleep, sleeps for ten minutes)."""
import sys
import time


def check_totals(totals):
    if totals["north"] != 8:
        raise ValueError("north sold %d, not 8" % totals["north"])


def main():
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.getOrCreate()
    rows = spark.createDataFrame([("north", 3), ("north", 4), ("south", 5)], ["region", "sold"])
    totals = {r["region"]: r["total"] for r in rows.groupBy("region").sum("sold")
              .withColumnRenamed("sum(sold)", "total").collect()}
    print("totals: %s" % sorted(totals.items()), flush=True)
    if sys.argv[1:] == ["sleep"]:
        time.sleep(600)
    check_totals(totals)
