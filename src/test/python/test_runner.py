"""Tests of the runner template that every wheelhouse carries (stdlib unittest, Python 3.8+)."""
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
TEMPLATE = os.path.join(RESOURCES, "runner", "runner.py")


class RunnerTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        pkg = os.path.join(self.tmp.name, "lib", "jobpkg")
        os.makedirs(pkg)
        with open(os.path.join(pkg, "__init__.py"), "w") as f:
            f.write("")
        with open(os.path.join(pkg, "job.py"), "w") as f:
            f.write(textwrap.dedent("""
                import sys

                def main():
                    print("args=" + ",".join(sys.argv[1:]))
                    return int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else None

                class Job:
                    @staticmethod
                    def run():
                        print("Job.run")
                        return 0

                if __name__ == "__main__":
                    print("as __main__ with " + " ".join(sys.argv[1:]))
                    sys.exit(4)
            """))

    def run_runner(self, entry_point, *args):
        with open(TEMPLATE) as f:
            script = f.read().replace("@ENTRY_POINT@", entry_point)
        path = os.path.join(self.tmp.name, "runner.py")
        with open(path, "w") as f:
            f.write(script)
        env = dict(os.environ, PYTHONPATH=os.path.join(self.tmp.name, "lib"))
        return subprocess.run(
            [sys.executable, path] + list(args), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            universal_newlines=True,
        )

    def test_passes_arguments_through_and_exits_zero_on_none(self):
        result = self.run_runner("jobpkg.job:main", "a", "b c")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.strip(), "args=a,b c")

    def test_exits_with_the_functions_return_code(self):
        result = self.run_runner("jobpkg.job:main", "7")
        self.assertEqual(result.returncode, 7, result.stderr)

    def test_attribute_path_and_extras(self):
        result = self.run_runner("jobpkg.job:Job.run [spark]")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.strip(), "Job.run")

    def test_module_alone_runs_as_main(self):
        result = self.run_runner("jobpkg.job", "x", "y")
        self.assertEqual(result.returncode, 4, result.stderr)
        self.assertEqual(result.stdout.strip(), "as __main__ with x y")

    def test_missing_module_fails_with_its_name(self):
        result = self.run_runner("jobpkg.nothere:main")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("No module named 'jobpkg.nothere'", result.stderr)

    def test_template_is_stdlib_only_and_python38_syntax(self):
        import ast

        with open(TEMPLATE) as f:
            tree = ast.parse(f.read(), feature_version=(3, 8))
        imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                    for alias in node.names}
        self.assertTrue(imported <= {"importlib", "runpy", "sys"}, imported)


class ProbeTest(unittest.TestCase):
    def test_probe_prints_one_json_line_with_the_interpreters_facts(self):
        import json

        with open(os.path.join(RESOURCES, "python", "probe.py")) as f:
            probe = f.read()
        out = subprocess.run([sys.executable, "-c", probe], stdout=subprocess.PIPE, check=True,
                             universal_newlines=True).stdout
        info = json.loads(out)
        self.assertEqual(info["versionInfo"], list(sys.version_info[:2]))
        self.assertEqual(info["implementation"], sys.implementation.name)
        self.assertTrue(info["tag"].startswith("cp%d%d-" % sys.version_info[:2]), info["tag"])


if __name__ == "__main__":
    unittest.main()
