"""Runs a directory's unittest tests (discovery) and writes their results as JUnit XML, for the test goal of
pyspark-maven-plugin when the test dependencies bring no pytest. stdlib only, Python 3.8+.

usage: python unittest_junit.py TEST_DIR XML_FILE SUITE_NAME [-k PATTERN]...

Says on stderr which test starts ("pyspark-test: START <test>"), so that a hanging suite is reported with the
test it hangs in. Exit status: 0 all passed, 1 a test failed or erred, 5 no test was found (as pytest's, with a
"pyspark-test: NO TESTS …" line: the plugin's Protocol.Failure.NO_TESTS).
"""
import sys
import time
import traceback
import unittest
import xml.etree.ElementTree as ET

PREFIX = "pyspark-test: "
NO_TESTS = 5
NO_TESTS_LINE = PREFIX + "NO TESTS "


class Recorder(unittest.TextTestResult):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cases = []  # (test, outcome, message, detail, seconds)
        self._started = {}

    def startTest(self, test):
        sys.stderr.write(PREFIX + "START " + test.id() + "\n")
        sys.stderr.flush()
        self._started[test.id()] = time.time()
        super().startTest(test)

    def _record(self, test, outcome, err=None, reason=None):
        seconds = time.time() - self._started.get(test.id(), time.time())
        message, detail = "", ""
        if err is not None:
            message = "%s: %s" % (err[0].__name__, err[1])
            detail = "".join(traceback.format_exception(*err))
        elif reason is not None:
            message = reason
        self.cases.append((test, outcome, message, detail, seconds))

    def addSuccess(self, test):
        super().addSuccess(test)
        self._record(test, "passed")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._record(test, "failure", err)

    def addError(self, test, err):
        super().addError(test, err)
        self._record(test, "error", err)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._record(test, "skipped", reason=reason)

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._record(test, "passed")

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._record(test, "failure", reason="unexpected success")


def write_xml(path, suite_name, cases, seconds):
    counts = {k: sum(1 for c in cases if c[1] == k) for k in ("failure", "error", "skipped")}
    suite = ET.Element("testsuite", name=suite_name, tests=str(len(cases)), failures=str(counts["failure"]),
                       errors=str(counts["error"]), skipped=str(counts["skipped"]), time="%.3f" % seconds)
    for test, outcome, message, detail, took in cases:
        parts = test.id().rsplit(".", 1)
        case = ET.SubElement(suite, "testcase", classname=parts[0] if len(parts) > 1 else "", name=parts[-1],
                             time="%.3f" % took)
        if outcome in ("failure", "error", "skipped"):
            element = ET.SubElement(case, outcome, message=message)
            element.text = detail
    ET.ElementTree(suite).write(path, encoding="utf-8", xml_declaration=True)


def main(argv):
    directory, xml_file, suite_name = argv[0], argv[1], argv[2]
    patterns = [argv[i + 1] for i in range(3, len(argv) - 1) if argv[i] == "-k"]
    loader = unittest.TestLoader()
    if patterns:
        loader.testNamePatterns = ["*%s*" % p if "*" not in p else p for p in patterns]
    suite = loader.discover(directory, top_level_dir=directory)
    started = time.time()
    result = unittest.TextTestRunner(stream=sys.stdout, verbosity=2, resultclass=Recorder).run(suite)
    write_xml(xml_file, suite_name, result.cases, time.time() - started)
    if result.testsRun == 0:
        print(NO_TESTS_LINE + "in %s%s" % (directory, " matching " + " or ".join(patterns) if patterns else ""))
        return NO_TESTS
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
