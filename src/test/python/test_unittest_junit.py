"""Tests of the test goal's unittest runner (unittest discovery to JUnit XML) and of its pytest plugin's START lines
(stdlib unittest, 3.8+)."""
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest
import xml.etree.ElementTree as ET

RESOURCES = os.environ.get(
    "PYSPARK_PLUGIN_RESOURCES",
    os.path.join(os.path.dirname(__file__), "..", "..", "main", "resources", "io", "github", "sparkwheel"),
)
RUNNER = os.path.join(RESOURCES, "testing", "unittest_junit.py")
PLUGIN_DIR = os.path.join(RESOURCES, "testing")


class UnittestJunitTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.tests = os.path.join(self.tmp.name, "tests")
        os.makedirs(self.tests)
        self.xml = os.path.join(self.tmp.name, "report.xml")

    def write(self, name, text):
        with open(os.path.join(self.tests, name), "w") as f:
            f.write(textwrap.dedent(text))

    def run_tests(self, *args):
        return subprocess.run([sys.executable, RUNNER, self.tests, self.xml, "pyspark.demo"] + list(args),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=120)

    def suite(self):
        root = ET.parse(self.xml).getroot()
        self.assertEqual("testsuite", root.tag)
        return root

    def test_every_outcome_in_junit_xml_with_surefire_counts(self):
        self.write("test_math.py", """
            import unittest

            class MathTest(unittest.TestCase):
                def test_adds(self):
                    self.assertEqual(2, 1 + 1)

                def test_fails(self):
                    self.assertEqual(3, 1 + 1, "one and one")

                def test_errs(self):
                    raise KeyError("missing")

                @unittest.skip("not today")
                def test_skipped(self):
                    pass
        """)
        process = self.run_tests()
        self.assertEqual(1, process.returncode, process.stderr)
        suite = self.suite()
        self.assertEqual(("pyspark.demo", "4", "1", "1", "1"), (suite.get("name"), suite.get("tests"),
                                                               suite.get("failures"), suite.get("errors"),
                                                               suite.get("skipped")))
        cases = {case.get("name"): case for case in suite.findall("testcase")}
        self.assertEqual("test_math.MathTest", cases["test_fails"].get("classname"))
        self.assertEqual([], list(cases["test_adds"]))
        failure = cases["test_fails"].find("failure")
        self.assertIn("AssertionError: 3 != 2 : one and one", failure.get("message"))
        self.assertIn("Traceback", failure.text)
        self.assertIn("KeyError", cases["test_errs"].find("error").get("message"))
        self.assertEqual("not today", cases["test_skipped"].find("skipped").get("message"))
        # every test says on stderr when it starts, so that a hanging suite names its test
        self.assertIn("pyspark-test: START test_math.MathTest.test_adds", process.stderr)

    def test_passing_suite_exits_0_and_a_pattern_selects(self):
        self.write("test_words.py", """
            import unittest

            class WordsTest(unittest.TestCase):
                def test_upper(self):
                    self.assertEqual("A", "a".upper())

                def test_lower(self):
                    self.assertEqual("a", "A".lower())
        """)
        self.assertEqual(0, self.run_tests().returncode)
        self.assertEqual("2", self.suite().get("tests"))
        self.assertEqual(0, self.run_tests("-k", "upper").returncode)
        self.assertEqual(["test_upper"], [c.get("name") for c in self.suite().findall("testcase")])

    def test_no_test_found_exits_5_and_says_so(self):
        self.write("test_nothing.py", "VALUE = 1\n")
        process = self.run_tests()
        self.assertEqual(5, process.returncode)
        self.assertIn("pyspark-test: NO TESTS in ", process.stdout)
        self.write("test_one.py", """
            import unittest

            class OneTest(unittest.TestCase):
                def test_one(self):
                    pass
        """)
        process = self.run_tests("-k", "no_such_test")
        self.assertEqual(5, process.returncode)
        self.assertIn(" matching no_such_test", process.stdout)

    def test_a_module_that_does_not_import_is_an_error_not_a_silence(self):
        self.write("test_broken.py", "import no_such_module_here\n")
        process = self.run_tests()
        self.assertEqual(1, process.returncode)
        suite = self.suite()
        self.assertEqual("1", suite.get("errors"))
        self.assertIn("no_such_module_here", suite.find("testcase/error").text)


class PytestPluginTest(unittest.TestCase):
    def test_says_which_test_starts(self):
        sys.path.insert(0, PLUGIN_DIR)
        self.addCleanup(sys.path.remove, PLUGIN_DIR)
        import pyspark_test_plugin

        captured = []

        class Stderr:
            def write(self, text):
                captured.append(text)

            def flush(self):
                pass

        real, sys.stderr = sys.stderr, Stderr()
        try:
            pyspark_test_plugin.pytest_runtest_logstart("tests/test_job.py::test_counts", ("tests/test_job.py", 3, "x"))
        finally:
            sys.stderr = real
        self.assertEqual(["pyspark-test: START tests/test_job.py::test_counts\n"], captured)


if __name__ == "__main__":
    unittest.main()
