"""The IT's PySpark-less driver: runs in the ApplicationMaster (cluster mode) through the wheelhouse's
bootstrap, creates a real SparkContext over Py4J, and has every executor run the same bootstrap
with JavaRDD.pipe, which imports the job's dependency from the venv built on that node."""
import os
import sys
import time

import textlib

from yarnjob.py4j_client import Gateway, JavaError

EXECUTOR_CHECK = (
    "import sys, textlib\n"
    "for line in sys.stdin:\n"
    "    print('executor-venv %s %s %s' % (sys.prefix, textlib.__name__, line.strip()))\n"
)


def main():
    print("driver-venv %s %s" % (sys.prefix, sorted(textlib.count_words("a b a").items())))
    print("driver-args %s" % " ".join(sys.argv[1:]))
    gateway = Gateway(os.environ["PYSPARK_GATEWAY_PORT"], os.environ["PYSPARK_GATEWAY_SECRET"])
    conf = gateway.new("org.apache.spark.SparkConf")
    jsc = gateway.new("org.apache.spark.api.java.JavaSparkContext", conf)
    try:
        if "sleep" in sys.argv[1:]:
            # the timeout IT's job: it hangs as soon as it runs, however long executors take to start
            print("driver-sleeping")
            sys.stdout.flush()
            time.sleep(600)
        # a class of the Maven module's jar dependency, shipped with --jars (where the module has one)
        try:
            print("udf-jar %s" % gateway.call("com.example.udf.Greeter", "greet", "wheelhouse"))
        except JavaError:
            print("udf-jar absent")
        rdd = gateway.call(jsc, "parallelize", gateway.java_list(["p0", "p1"]), 2)
        bootstrap = "./%s/bootstrap/python" % os.environ.get("IT_ALIAS", "wheelhouse")
        piped = gateway.call(rdd, "pipe", gateway.java_list([bootstrap, "-c", EXECUTOR_CHECK]))
        for line in gateway.python_list(gateway.call(piped, "collect")):
            print(line)
    finally:
        gateway.call(jsc, "stop")
    print("driver-done")
    return 0
