"""Prepares the real pyspark that the real-PySpark ITs submit, or says plainly that they are skipped.

pyspark cannot be installed from an index on this project's machines. The ITs take Spark's own
Python side instead: pyspark.zip and py4j-*-src.zip, as a Spark distribution ships them in
python/lib (this project's CI has Spark 3.5's in ../shared/pyspark and Spark 4.0's in
../shared/pyspark4). They are copied to OUTPUT_DIR under fixed names (pyspark.zip, py4j.zip) for the
ITs' poms; the name of an archive on the PYTHONPATH does not matter to Python.

usage: python real_pyspark.py SPARK SOURCE_DIR OUTPUT_DIR      (SPARK: the version line, 3.5 or 4.0)

With PYSPARK_IT_REQUIRE_REAL_PYSPARK set (.ci/run sets it), a missing pyspark fails the build
instead of skipping those ITs.
"""
import glob
import os
import shutil
import sys

HOW = {
    "3.5": "supply Spark 3.5's pyspark.zip and py4j-*-src.zip: put them in ../shared/pyspark beside this "
           "repository, or run with -Dit.pyspark=<a Spark 3.5 home>/python/lib",
    "4.0": "supply Spark 4.0's pyspark.zip and py4j-*-src.zip: put them in ../shared/pyspark4 beside this "
           "repository, or run with -Dit.pyspark4=<a Spark 4.0 home>/python/lib",
}


def main(spark, source, out):
    pyspark = os.path.join(source, "pyspark.zip")
    py4j = sorted(glob.glob(os.path.join(source, "py4j-*.zip")))
    shutil.rmtree(out, ignore_errors=True)
    if not os.path.isfile(pyspark) or not py4j:
        message = ("SKIPPED: the Spark %s runs of the real-PySpark ITs (their selector.groovy checks %s): no pyspark.zip "
                   "and py4j-*.zip in %s; %s" % (spark, os.path.join(out, "pyspark.zip"), source, HOW[spark]))
        if os.environ.get("PYSPARK_IT_REQUIRE_REAL_PYSPARK"):
            sys.exit("PYSPARK_IT_REQUIRE_REAL_PYSPARK is set, but " + message[len("SKIPPED: "):])
        print(message)
        return
    os.makedirs(out)
    shutil.copyfile(pyspark, os.path.join(out, "pyspark.zip"))
    shutil.copyfile(py4j[-1], os.path.join(out, "py4j.zip"))
    print("real pyspark %s for the real-PySpark ITs: %s and %s" % (spark, pyspark, py4j[-1]))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
