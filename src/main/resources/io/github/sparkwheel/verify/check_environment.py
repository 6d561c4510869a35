"""Build-time check that a wheelhouse's job will start: run by the verify goal through the
wheelhouse's own bootstrap, in the virtualenv an executor would get.

usage: bootstrap/python check_environment.py ENTRY_MODULE|- SCRIPT|-

1. Every installed distribution's requirements (those without environment markers) are installed.
2. The entry point's module (or every module a script imports at its top level) imports, without
   calling anything. pyspark and py4j come from the cluster: when they are not importable here,
   that part is reported as skipped, not as a failure.

Exit status: 0 fine, 4 a dependency is missing (stderr names it). stdlib only, Python 3.8+.
"""
import ast
import importlib
import importlib.metadata
import re
import sys

PREFIX = "pyspark-verify: "
CLUSTER_PROVIDED = ("pyspark", "py4j")


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def unmet_requirements():
    """[(distribution, requirement)] for requirements without markers that nothing installed provides."""
    installed = {canonical(d.metadata["Name"]) for d in importlib.metadata.distributions()}
    unmet = []
    for dist in importlib.metadata.distributions():
        for requirement in dist.requires or []:
            if ";" in requirement:
                continue  # markers (extras, python_version, platform) need evaluation pip is not here for
            match = re.match(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
            if match and canonical(match.group(1)) not in installed:
                unmet.append(("%s %s" % (dist.metadata["Name"], dist.version), requirement.strip()))
    return sorted(set(unmet))


def script_imports(path):
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), path)
    modules = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            modules.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.append(node.module)
    return modules


def try_import(module):
    """None when it imports; else (missing module, message)."""
    try:
        importlib.import_module(module)
        return None
    except ModuleNotFoundError as e:
        return (e.name or module, "%s: %s" % (type(e).__name__, e))


def main(argv):
    entry_module, script = argv[0], argv[1]
    status = 0
    for dist, requirement in unmet_requirements():
        sys.stderr.write(PREFIX + "MISSING %s requires '%s', which is not in the wheelhouse\n" % (dist, requirement))
        status = 4
    modules = [entry_module] if entry_module != "-" else (script_imports(script) if script != "-" else [])
    for module in modules:
        failure = try_import(module)
        if failure is None:
            print(PREFIX + "imported %s" % module)
            continue
        missing, message = failure
        if missing.split(".")[0] in CLUSTER_PROVIDED:
            print(PREFIX + "SKIPPED importing %s: %s is provided by the cluster's Spark and is not installed "
                  "here (set <pysparkArchives> to Spark's pyspark.zip and py4j zip, or a Spark home, to check it "
                  "too)" % (module, missing.split(".")[0]))
            continue
        sys.stderr.write(PREFIX + "MISSING %s, importing %s (%s)\n" % (missing, module, message))
        status = 4
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
