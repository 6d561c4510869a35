"""Tests of the verify goal's check, which runs in the environment a node would build (stdlib unittest, 3.8+)."""
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

RESOURCES = os.environ.get(
    "PYSPARK_PLUGIN_RESOURCES",
    os.path.join(os.path.dirname(__file__), "..", "..", "main", "resources", "io", "github", "sparkwheel"),
)
CHECK = os.path.join(RESOURCES, "verify", "check_environment.py")


class CheckEnvironmentTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        pkg = os.path.join(self.tmp.name, "lib", "clickstream")
        os.makedirs(pkg)
        open(os.path.join(pkg, "__init__.py"), "w").close()
        with open(os.path.join(pkg, "main.py"), "w") as f:
            f.write(textwrap.dedent("""
                SETTINGS = {"a": 1}

                def main():
                    return 0

                def run_function():
                    return 0

                class Job:
                    def start(self):
                        return 0
            """))

    def check(self, entry_point, script="-"):
        env = dict(os.environ, PYTHONPATH=os.path.join(self.tmp.name, "lib"))
        process = subprocess.run([sys.executable, CHECK, entry_point, script, "[project.scripts] of pyproject.toml"],
                                 env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
        return process.returncode, process.stdout, process.stderr

    def test_an_entry_point_that_resolves_to_a_function_passes(self):
        for entry_point in ("clickstream.main:main", "clickstream.main:Job.start", "clickstream.main"):
            rc, out, err = self.check(entry_point)
            self.assertEqual(rc, 0, err)
            self.assertIn("pyspark-verify: imported clickstream.main", out)

    def test_a_missing_function_is_named_with_the_names_close_to_it_and_where_it_is_declared(self):
        rc, out, err = self.check("clickstream.main:nosuchfunction")
        self.assertEqual(rc, 75, err)
        self.assertIn("BROKEN the entry point clickstream.main:nosuchfunction ([project.scripts] of pyproject.toml) "
                      "names clickstream.main.nosuchfunction, but clickstream.main (", err)
        self.assertIn("has no 'nosuchfunction'; its top-level names close to it: run_function", err)
        rc, _, err = self.check("clickstream.main:Job.stop")
        self.assertEqual(rc, 75)
        self.assertIn("names clickstream.main.Job.stop, but clickstream.main.Job has no 'stop'; its top-level names "
                      "close to it: start", err)

    def test_an_attribute_that_is_no_function_is_refused(self):
        rc, _, err = self.check("clickstream.main:SETTINGS")
        self.assertEqual(rc, 75)
        self.assertIn("names clickstream.main.SETTINGS, which is a dict, not a function the runner can call", err)

    def test_a_script_that_does_not_compile_is_named_with_its_line(self):
        script = os.path.join(self.tmp.name, "job.py")
        with open(script, "w") as f:
            f.write("import sys\n\ndef main(:\n    pass\n")
        rc, _, err = self.check("-", script)
        self.assertEqual(rc, 75)
        self.assertIn("BROKEN %s does not compile: line 3, column" % script, err)

    def test_a_missing_module_is_a_missing_dependency(self):
        rc, _, err = self.check("nosuchpackage.job:main")
        self.assertEqual(rc, 74)
        self.assertIn("MISSING nosuchpackage, importing nosuchpackage.job", err)


if __name__ == "__main__":
    unittest.main()
