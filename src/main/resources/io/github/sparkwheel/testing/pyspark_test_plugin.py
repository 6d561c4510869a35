"""A pytest plugin of pyspark-maven-plugin's test goal: says on stderr which test starts, so that a suite that
hangs is reported with the test it hangs in. stdlib only, Python 3.8+."""
import sys

PREFIX = "pyspark-test: "


def pytest_runtest_logstart(nodeid, location):
    sys.stderr.write(PREFIX + "START " + nodeid + "\n")
    sys.stderr.flush()
