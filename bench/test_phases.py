"""Where a cold `mvn test` of the test goal spends its time, from a Maven log with time stamps
(-Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS) of a run with
PYTEST_ADDOPTS=--durations=0, whose first line bench/test.sh stamps before Maven starts. Prints figures; asserts
nothing.   Usage: test_phases.py maven.log"""
import datetime
import re
import sys

STAMP = re.compile(r"^(\d\d:\d\d:\d\d\.\d\d\d) ")


def main(path):
    lines = open(path, encoding="utf-8", errors="replace").read().splitlines()
    first = {}
    last_stamp = None
    stamped = []
    for line in lines:
        m = STAMP.match(line)
        if m:
            last_stamp = datetime.datetime.strptime(m.group(1), "%H:%M:%S.%f")
        stamped.append((last_stamp, line))

    def at(text):
        for stamp, line in stamped:
            if text in line and stamp is not None:
                return stamp
        raise SystemExit("no line with %r in %s" % (text, path))

    def number(pattern):
        for _, line in stamped:
            m = re.search(pattern, line)
            if m:
                return float(m.group(1))
        return None

    start = next(s for s, _ in stamped if s is not None)
    goal = at(":test (default)")
    wheelhouse = at("-wheelhouse.zip (")
    spark_jars = at("Test dependencies from")
    deps = at("test dependencies beside the job's environment")
    running = at("Running the Python tests of")
    done = at("Tests run: ")
    venv = number(r"environment ready in ([\d.]+) s")
    spark = number(r"([\d.]+)s setup\s+\S+::test_")  # the session fixture's setup: the Spark JVM and its session
    pytest_total = number(r"passed in ([\d.]+)s")

    def span(a, b):
        return (b - a).total_seconds()

    print("cold mvn test, total %.1f s (to the test summary):" % span(start, done))
    print("  Maven's start, the plugin resolved       %5.1f s" % span(start, goal))
    print("  the wheelhouse (pip wheel, zip)          %5.1f s" % span(goal, wheelhouse))
    print("  Spark's jars (the local repository)    %5.1f s" % span(wheelhouse, spark_jars))
    print("  the test dependencies (pip, pytest)      %5.1f s" % span(spark_jars, deps))
    print("  the Spark home written, the runner       %5.1f s" % span(deps, running))
    print("  pytest, in all                           %5.1f s (pytest says %s s)" % (span(running, done), pytest_total))
    if venv is not None:
        print("    the environment (bootstrap)            %5.1f s" % venv)
    if spark is not None:
        print("    the Spark JVM's start and session      %5.1f s" % spark)
    if pytest_total is not None and spark is not None:
        print("    the tests themselves                   %5.1f s" % (pytest_total - spark))


if __name__ == "__main__":
    main(sys.argv[1])
