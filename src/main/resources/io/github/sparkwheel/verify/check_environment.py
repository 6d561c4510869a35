"""Build-time check that a wheelhouse's job will start: run by the verify goal through the
wheelhouse's own bootstrap, in the virtualenv an executor would get.

usage: bootstrap/python check_environment.py ENTRY_POINT|- SCRIPT|- [DECLARED_IN]

1. Every installed distribution's requirements (those without environment markers) are installed.
2. The entry point (package.module:function, or package.module) resolves as the runner resolves it: its
   module imports, each attribute exists and the last one is callable. A script job's script compiles, and
   every module it imports at its top level imports. Nothing is called. pyspark and py4j come from the
   cluster: when they are not importable here, that part is reported as skipped, not as a failure.

Exit status: 0 fine, 74 a dependency is missing (a "pyspark-verify: MISSING …" line each), 75 the entry point
or the script is broken (a "pyspark-verify: BROKEN …" line each, saying what and where): the plugin's
Protocol.Failure.DEPENDENCY_MISSING and ENTRY_POINT_BROKEN, which it knows by those lines. stdlib only,
Python 3.8+.
"""
import ast
import difflib
import importlib
import importlib.metadata
import re
import sys

PREFIX = "pyspark-verify: "
CLUSTER_PROVIDED = ("pyspark", "py4j")
MISSING = 74
BROKEN = 75


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


def script_imports(tree):
    modules = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            modules.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.append(node.module)
    return modules


def compile_script(path):
    """(the script's syntax tree, None), or (None, what is wrong with it)."""
    try:
        with open(path, "rb") as f:
            source = f.read()
        tree = ast.parse(source, path)
        compile(tree, path, "exec")
        return tree, None
    except SyntaxError as e:
        where = "line %s, column %s" % (e.lineno, e.offset) if e.lineno else "somewhere"
        text = (e.text or "").strip()
        return None, "%s does not compile: %s: %s%s" % (path, where, e.msg, (" in: " + text) if text else "")
    except (OSError, ValueError) as e:
        return None, "%s cannot be read: %s" % (path, e)


def try_import(module):
    """(module, None) when it imports; else (None, (missing module, message))."""
    try:
        return importlib.import_module(module), None
    except ModuleNotFoundError as e:
        return None, (e.name or module, "%s: %s" % (type(e).__name__, e))


def close_names(target, name):
    """The public top-level names of target that look like name, the closest first."""
    names = [n for n in dir(target) if not n.startswith("_")]
    return difflib.get_close_matches(name, names, n=5, cutoff=0.5) or sorted(names)[:8]


def resolve(module, attributes, entry_point, declared):
    """None when entry_point's attributes resolve to a callable in module, else what is wrong."""
    target = module
    path = module.__name__
    for attr in filter(None, attributes.split(".")):
        if not hasattr(target, attr):
            where = getattr(target, "__file__", None)
            return ("the entry point %s (%s) names %s.%s, but %s%s has no %r; its top-level names close to it: %s"
                    % (entry_point, declared, path, attr, path, " (%s)" % where if where else "", attr,
                       ", ".join(close_names(target, attr)) or "none"))
        target = getattr(target, attr)
        path += "." + attr
    if attributes and not callable(target):
        return ("the entry point %s (%s) names %s, which is a %s, not a function the runner can call"
                % (entry_point, declared, path, type(target).__name__))
    return None


def main(argv):
    entry_point, script = argv[0], argv[1]
    declared = argv[2] if len(argv) > 2 else "the wheelhouse's manifest"
    status = 0
    for dist, requirement in unmet_requirements():
        sys.stderr.write(PREFIX + "MISSING %s requires '%s', which is not in the wheelhouse\n" % (dist, requirement))
        status = MISSING
    targets = []  # (module, attributes)
    if entry_point != "-":
        module, _, attributes = entry_point.split("[", 1)[0].strip().partition(":")
        targets.append((module.strip(), attributes.strip()))
    elif script != "-":
        tree, broken = compile_script(script)
        if broken:
            sys.stderr.write(PREFIX + "BROKEN " + broken + "\n")
            return BROKEN
        targets.extend((m, "") for m in script_imports(tree))
    for module_name, attributes in targets:
        module, failure = try_import(module_name)
        if failure is not None:
            missing, message = failure
            if missing.split(".")[0] in CLUSTER_PROVIDED:
                print(PREFIX + "SKIPPED importing %s: %s is provided by the cluster's Spark and is not installed "
                      "here (set <pysparkArchives> to Spark's pyspark.zip and py4j zip, or a Spark home, to check it "
                      "too)" % (module_name, missing.split(".")[0]))
                continue
            sys.stderr.write(PREFIX + "MISSING %s, importing %s (%s)\n" % (missing, module_name, message))
            status = status or MISSING
            continue
        print(PREFIX + "imported %s" % module_name)
        broken = resolve(module, attributes, entry_point, declared) if attributes else None
        if broken:
            sys.stderr.write(PREFIX + "BROKEN " + broken + "\n")
            status = BROKEN
        elif attributes:
            print(PREFIX + "resolved %s" % entry_point)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
