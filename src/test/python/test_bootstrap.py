"""Tests of the executor bootstrap shipped in every wheelhouse (stdlib unittest, Python 3.8+).

Each test lays out a wheelhouse as the plugin writes it (manifest, lock, wheels, bootstrap/) in a
temporary directory and starts bootstrap/python as Spark would, with a cache of its own.
"""
import ast
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import textwrap
import threading
import time
import unittest
import unittest.mock
import zipfile

RESOURCES = os.environ.get(
    "PYSPARK_PLUGIN_RESOURCES",
    os.path.join(os.path.dirname(__file__), "..", "..", "main", "resources", "io", "github", "sparkwheel"),
)
BOOTSTRAP = os.path.join(RESOURCES, "bootstrap")
sys.path.insert(0, BOOTSTRAP)
import bootstrap  # noqa: E402  (the module under test)

PY_TAG = "cp%d%d" % sys.version_info[:2]
# how a failure ends (the plugin's Protocol.Failure.BOOTSTRAP_FAILED): this status, and this line on stderr
FAILED = 73
FAILED_LINE = "pyspark-wheelhouse bootstrap: FAILED: "
PLATFORM = sysconfig.get_platform().replace("-", "_").replace(".", "_")


def make_wheel(directory, name, version, files, tags="py3-none-any", entry_points=None, data_scripts=None):
    """Writes a wheel without any build backend (METADATA, WHEEL, RECORD in a zip). Every entry has the
    same time, so the same arguments give the same bytes (and so the same lock and env id) whenever it runs."""
    path = os.path.join(directory, "%s-%s-%s.whl" % (name, version, tags))
    dist_info = "%s-%s.dist-info" % (name, version)

    def entry(filename, mode=0o100644):
        info = zipfile.ZipInfo(filename, date_time=(1980, 1, 1, 0, 0, 0))
        info.external_attr = mode << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        return info

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as whl:
        for filename, content in sorted(files.items()):
            whl.writestr(entry(filename), content)
        for script, content in sorted((data_scripts or {}).items()):
            whl.writestr(entry("%s-%s.data/scripts/%s" % (name, version, script), 0o100755), content)
        whl.writestr(entry(dist_info + "/METADATA"), "Metadata-Version: 2.1\nName: %s\nVersion: %s\n" % (name, version))
        purelib = "true" if tags.endswith("-none-any") else "false"
        whl.writestr(entry(dist_info + "/WHEEL"), "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: %s\nTag: %s\n"
                     % (purelib, tags))
        if entry_points:
            whl.writestr(entry(dist_info + "/entry_points.txt"), entry_points)
        whl.writestr(entry(dist_info + "/RECORD"), "")
    return path


def wait_for_bytecode(venv, deadline):
    """Waits until the background byte-compiler of venv wrote its .compiled marker (or the deadline)."""
    marker = os.path.join(venv, ".compiled")
    while not os.path.exists(marker) and time.time() < deadline:
        time.sleep(0.05)
    return marker


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def make_wheelhouse(root, extra_files=0, python=None):
    """A wheelhouse directory as the plugin lays it out, with two wheels (one with a console script)."""
    wheels = os.path.join(root, "wheels")
    os.makedirs(wheels)
    many = {"bigpkg/m%04d.py" % i: "VALUE = %d\n" % i for i in range(extra_files)}
    paths = [
        make_wheel(wheels, "jobpkg", "1.0", dict({"jobpkg/__init__.py": "def main():\n    print('job main')\n"}, **many),
                   entry_points="[console_scripts]\njobcli = jobpkg:main\n",
                   data_scripts={"legacy-tool": "#!python\nprint('legacy tool ran')\n"}),
        make_wheel(wheels, "helper_lib", "2.0", {"helper_lib.py": "ANSWER = 42\n"},
                   tags="%s-%s-%s" % (PY_TAG, PY_TAG, PLATFORM)),
    ]
    return write_wheelhouse(root, paths, python)


def write_wheelhouse(root, paths, python=None):
    """Lays out lock, manifest and bootstrap/ around the given wheels (under root/wheels) as the plugin does."""
    lock = "# test lock\n" + "".join("%s==%s --hash=sha256:%s\n" % (
        bootstrap.canonical(os.path.basename(p).split("-")[0]), os.path.basename(p).split("-")[1], sha256(p))
        for p in sorted(paths))
    with open(os.path.join(root, "requirements.lock"), "w") as f:
        f.write(lock)
    manifest = {
        "formatVersion": 1,
        "python": python or {"implementation": sys.implementation.name, "version": "%d.%d.%d" % sys.version_info[:3],
                             "majorMinor": "%d.%d" % sys.version_info[:2], "tag": "%s-%s-%s" % (PY_TAG, PY_TAG, PLATFORM),
                             "platform": sysconfig.get_platform()},
        "wheels": [{"name": os.path.basename(p).split("-")[0], "version": os.path.basename(p).split("-")[1],
                    "file": "wheels/" + os.path.basename(p), "tags": "-".join(os.path.basename(p)[:-4].split("-")[2:])}
                   for p in paths],
        "digest": "sha256:test",
    }
    with open(os.path.join(root, "wheelhouse.json"), "w") as f:
        json.dump(manifest, f)
    os.makedirs(os.path.join(root, "bootstrap"))
    for name in ("python", "bootstrap.py"):
        shutil.copy(os.path.join(BOOTSTRAP, name), os.path.join(root, "bootstrap", name))
    os.chmod(os.path.join(root, "bootstrap", "python"), 0o755)
    with open(os.path.join(root, "bootstrap", "env-id"), "w") as f:
        f.write(hashlib.sha256(lock.encode()).hexdigest()[:32] + "\n")
    return root


class BootstrapTestCase(unittest.TestCase):
    extra_files = 0

    def setUp(self):
        tmp = tempfile.mkdtemp(prefix="bootstrap-test-")
        self.addCleanup(shutil.rmtree, tmp, True)
        self.tmp = tmp
        self.home = make_wheelhouse(os.path.join(tmp, "wheelhouse"), self.extra_files)
        self.cache = os.path.join(tmp, "cache")
        self.workdir = os.path.join(tmp, "container")
        os.makedirs(self.workdir)

    def env(self, **extra):
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYSPARK_WHEELHOUSE")}
        env.update(PYSPARK_WHEELHOUSE_CACHE=self.cache, PYSPARK_WHEELHOUSE_PYTHON=sys.executable)
        env.update(extra)
        return env

    def start(self, *args, **env):
        return subprocess.Popen([os.path.join(self.home, "bootstrap", "python")] + list(args), cwd=self.workdir,
                                env=self.env(**env), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                universal_newlines=True)

    def run_bootstrap(self, *args, **env):
        process = self.start(*args, **env)
        out, err = process.communicate(timeout=120)
        return process.returncode, out, err

    def kill_while_installing(self, start):
        """Starts a cold build with start(), freezes it (SIGSTOP) once its install of bigpkg is under way,
        then kills it with SIGKILL; returns the venv it left. A build that got to .ready before it could be
        frozen (a fast disk) proves nothing: it is tried again on a fresh cache."""
        for attempt in range(5):
            victim = start()
            site = None
            deadline = time.time() + 60
            while site is None and time.time() < deadline and victim.poll() is None:
                found = [os.path.join(r, d) for r, ds, _ in os.walk(self.cache) for d in ds if d == "bigpkg"]
                if found and len(os.listdir(found[0])) > 5:
                    os.kill(victim.pid, signal.SIGSTOP)
                    site = found[0]
                else:
                    time.sleep(0.001)
            os.kill(victim.pid, signal.SIGKILL)
            victim.communicate()
            self.assertIsNotNone(site, "the install never started")
            venv = site.split(os.sep + "lib" + os.sep)[0]
            if not os.path.exists(os.path.join(venv, ".ready")):
                return venv
            self.cache = os.path.join(self.tmp, "cache-%d" % (attempt + 1))
        self.fail("every build reached .ready before it could be stopped")


class ColdAndWarmStartTest(BootstrapTestCase):
    def test_cold_start_builds_a_complete_environment_and_runs_the_arguments(self):
        code = textwrap.dedent("""
            import importlib.metadata as md, os, sys, helper_lib, jobpkg
            print(sys.prefix)
            print(md.version('jobpkg'), md.version('helper-lib'), helper_lib.ANSWER)
            print(os.environ.get('PYTHONPATH'))
            print(sys.argv[1:])
        """)
        rc, out, err = self.run_bootstrap("-c", code, "a b", "c", PYTHONPATH="/opt/spark/python/pyspark.zip")
        self.assertEqual(rc, 0, err)
        prefix, versions, pythonpath, argv = out.strip().splitlines()
        self.assertTrue(prefix.startswith(self.cache), prefix)
        self.assertEqual(versions, "1.0 2.0 42")
        self.assertEqual(pythonpath, "/opt/spark/python/pyspark.zip", "PYTHONPATH from Spark must reach the venv")
        self.assertEqual(argv, "['a b', 'c']")
        self.assertIn("building the environment", err)
        self.assertEqual(out.count("\n"), 4, "the bootstrap must not write to stdout")

        venv = prefix
        # console scripts from entry points and from .data/scripts, both on the venv's interpreter
        self.assertEqual(subprocess.run([os.path.join(venv, "bin", "jobcli")], stdout=subprocess.PIPE,
                                        universal_newlines=True).stdout, "job main\n")
        self.assertEqual(subprocess.run([os.path.join(venv, "bin", "legacy-tool")], stdout=subprocess.PIPE,
                                        universal_newlines=True).stdout, "legacy tool ran\n")
        # bytecode follows in the background, so that workers do not compile on every start
        with open(wait_for_bytecode(venv, time.time() + 60)) as f:
            self.assertEqual(f.read(), "ok\n")
        site = bootstrap.scheme_paths(venv)["purelib"]
        self.assertTrue(any(n.startswith("__init__.") and n.endswith(".pyc")
                            for n in os.listdir(os.path.join(site, "jobpkg", "__pycache__"))))
        with open(os.path.join(site, "jobpkg-1.0.dist-info", "INSTALLER")) as f:
            self.assertEqual(f.read(), "pyspark-wheelhouse\n")

    def test_warm_start_reuses_the_environment_through_the_shell_path(self):
        self.assertEqual(self.run_bootstrap("-c", "pass")[0], 0)
        # the Python cold path is unreachable now: a warm start must not need it
        os.rename(os.path.join(self.home, "bootstrap", "bootstrap.py"), os.path.join(self.home, "bootstrap", "gone.py"))
        rc, out, err = self.run_bootstrap("-c", "import helper_lib; print(helper_lib.ANSWER)")
        self.assertEqual((rc, out, err), (0, "42\n", ""))

    def test_a_changed_base_interpreter_leaves_the_warm_path(self):
        self.assertEqual(self.run_bootstrap("-c", "pass")[0], 0)
        with open(os.path.join(self.cache, os.listdir(self.cache)[0], "current")) as f:
            base, real, venv = f.read().split(" ", 2)
        self.assertEqual(real, os.path.realpath(sys.executable))
        os.utime(os.path.join(venv.strip(), ".ready"), (0, 0))  # the interpreter is now newer than the venv
        os.rename(os.path.join(self.home, "bootstrap", "bootstrap.py"), os.path.join(self.home, "bootstrap", "gone.py"))
        rc, _, err = self.run_bootstrap("-c", "pass")
        self.assertNotEqual(rc, 0, "the warm path should have handed over to bootstrap.py")


class ConcurrencyTest(BootstrapTestCase):
    extra_files = 400

    def test_eight_processes_on_a_cold_cache_build_once_and_all_run(self):
        processes = [self.start("-c", "import bigpkg.m0399, helper_lib; print('ok', helper_lib.ANSWER)")
                     for _ in range(8)]
        results = [p.communicate(timeout=300) + (p.returncode,) for p in processes]
        for out, err, rc in results:
            self.assertEqual((rc, out), (0, "ok 42\n"), err)
        builds = sum(err.count("building the environment") for _, err, _ in results)
        self.assertEqual(builds, 1, [err for _, err, _ in results])

    def test_a_start_killed_while_installing_is_rebuilt_by_the_next(self):
        self.kill_while_installing(lambda: self.start("-c", "pass"))
        rc, out, err = self.run_bootstrap("-c", "import bigpkg.m0399; print('rebuilt')")
        self.assertEqual((rc, out), (0, "rebuilt\n"), err)
        self.assertIn("removing the incomplete environment", err)


def make_layers(container, job_code, dep_wheels_dir=None, extra_files=0, alias="wheelhouse"):
    """A container's working directory as YARN lays out the submit goal's two layers: the job layer
    (alias/: bootstrap, runner, the job's own code unpacked under site/) and the dependency layer
    (alias-deps/: the dependency wheels, their lock and manifest, bootstrap/env-id)."""
    deps = os.path.join(container, alias + "-deps")
    wheels = os.path.join(deps, "wheels")
    os.makedirs(wheels)
    many = {"bigpkg/m%04d.py" % i: "VALUE = %d\n" % i for i in range(extra_files)}
    paths = [make_wheel(wheels, "helper_lib", "2.0", dict({"helper_lib.py": "ANSWER = 42\n"}, **many),
                        tags="%s-%s-%s" % (PY_TAG, PY_TAG, PLATFORM))]
    write_wheelhouse(deps, paths)
    for name in ("python", "bootstrap.py"):  # a dependency layer carries only bootstrap/env-id
        os.remove(os.path.join(deps, "bootstrap", name))
    job = os.path.join(container, alias)
    os.makedirs(os.path.join(job, "site", "jobpkg"))
    with open(os.path.join(job, "site", "jobpkg", "__init__.py"), "w") as f:
        f.write(job_code)
    os.makedirs(os.path.join(job, "bootstrap"))
    for name in ("python", "bootstrap.py"):
        shutil.copy(os.path.join(BOOTSTRAP, name), os.path.join(job, "bootstrap", name))
    os.chmod(os.path.join(job, "bootstrap", "python"), 0o755)
    with open(os.path.join(job, "bootstrap", "dependency-layer"), "w") as f:
        f.write(alias + "-deps\n")
    return job


class LayeredTest(BootstrapTestCase):
    """The submit goal's layers: one venv per node from the dependency layer, whatever the job's code."""

    extra_files = 0
    IMPORT = ("import sys, jobpkg, helper_lib; print(sys.prefix); print(jobpkg.VERSION, helper_lib.ANSWER); "
              "print(jobpkg.__file__)")

    def container(self, name, version, extra_files=0):
        container = os.path.join(self.tmp, name)
        make_layers(container, "VERSION = %r\n" % version, extra_files=extra_files)
        return container

    def start_in(self, container, *args, **env):
        """As Spark starts it: ./<alias>/bootstrap/python, relative to the container's working directory."""
        return subprocess.Popen([os.path.join(".", "wheelhouse", "bootstrap", "python")] + list(args), cwd=container,
                                env=self.env(**env), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                universal_newlines=True)

    def run_in(self, container, *args, **env):
        process = self.start_in(container, *args, **env)
        out, err = process.communicate(timeout=120)
        return process.returncode, out, err

    def test_the_venv_comes_from_the_dependency_layer_and_the_jobs_code_from_its_site(self):
        first = self.container("container-1", "1.0")
        rc, out, err = self.run_in(first, "-c", self.IMPORT, PYTHONPATH="/opt/spark/python/pyspark.zip")
        self.assertEqual(rc, 0, err)
        prefix, versions, job_file = out.strip().splitlines()
        self.assertTrue(prefix.startswith(self.cache), prefix)
        self.assertEqual(versions, "1.0 42")
        self.assertEqual(job_file, os.path.join(first, "wheelhouse", "site", "jobpkg", "__init__.py"))
        self.assertIn("from 1 wheels", err)
        # warm: the shell path alone, with site/ first and Spark's PYTHONPATH kept
        os.rename(os.path.join(first, "wheelhouse", "bootstrap", "bootstrap.py"),
                  os.path.join(first, "wheelhouse", "bootstrap", "gone.py"))
        rc, out, err = self.run_in(first, "-c", "import os; print(os.environ['PYTHONPATH'])",
                                   PYTHONPATH="/opt/spark/python/pyspark.zip")
        self.assertEqual((rc, err), (0, ""))
        self.assertEqual(out.strip(), os.path.join(first, "wheelhouse", "site") + ":/opt/spark/python/pyspark.zip")

    def test_a_code_only_change_runs_in_the_same_venv_without_building(self):
        rc, out, err = self.run_in(self.container("container-1", "1.0"), "-c", self.IMPORT)
        self.assertEqual(rc, 0, err)
        venv = out.splitlines()[0]
        for cold_path in (False, True):
            second = self.container("container-2-%s" % cold_path, "2.0")
            if cold_path:  # the cold path too finds the venv ready (a node whose warm pointer is gone)
                os.remove(os.path.join(self.cache, os.listdir(self.cache)[0], "current"))
            rc, out, err = self.run_in(second, "-c", self.IMPORT)
            self.assertEqual(rc, 0, err)
            self.assertEqual(out.splitlines()[:2], [venv, "2.0 42"])
            self.assertNotIn("building the environment", err)

    def test_other_dependencies_get_another_venv(self):
        rc, out, err = self.run_in(self.container("container-1", "1.0"), "-c", self.IMPORT)
        self.assertEqual(rc, 0, err)
        other = self.container("container-2", "1.0", extra_files=3)  # another helper_lib wheel: another lock
        rc2, out2, err2 = self.run_in(other, "-c", self.IMPORT + "; import bigpkg.m0002")
        self.assertEqual(rc2, 0, err2)
        self.assertNotEqual(out.splitlines()[0], out2.splitlines()[0])
        self.assertIn("building the environment", err2)

    def test_starts_of_two_job_layers_on_a_cold_node_build_once(self):
        containers = [self.container("container-%d" % i, "%d.0" % i, extra_files=300) for i in range(2)]
        processes = [self.start_in(containers[i % 2], "-c", self.IMPORT + "; import bigpkg.m0299") for i in range(6)]
        results = [p.communicate(timeout=300) + (p.returncode,) for p in processes]
        for i, (out, err, rc) in enumerate(results):
            self.assertEqual(rc, 0, err)
            self.assertEqual(out.splitlines()[1], "%d.0 42" % (i % 2))
        self.assertEqual(sum(err.count("building the environment") for _, err, _ in results), 1)
        self.assertEqual(len({out.splitlines()[0] for out, _, _ in results}), 1, "one venv for both job layers")

    def test_a_start_killed_while_installing_the_dependencies_is_rebuilt_by_the_next(self):
        first = self.container("container-1", "1.0", extra_files=400)
        self.kill_while_installing(lambda: self.start_in(first, "-c", "pass"))
        rc, out, err = self.run_in(self.container("container-2", "2.0", extra_files=400), "-c", self.IMPORT)
        self.assertEqual(rc, 0, err)
        self.assertEqual(out.splitlines()[1], "2.0 42")
        self.assertIn("removing the incomplete environment", err)

    def test_a_missing_dependency_layer_is_named(self):
        container = self.container("container-1", "1.0")
        shutil.rmtree(os.path.join(container, "wheelhouse-deps"))
        rc, out, err = self.run_in(container, "-c", "pass")
        self.assertEqual((rc, out), (FAILED, ""))
        self.assertIn("the dependency layer %s is missing" % os.path.join(container, "wheelhouse-deps"), err)


class FailureMessagesTest(BootstrapTestCase):
    def test_a_wheel_that_fails_its_hash_is_refused(self):
        wheel = [w for w in os.listdir(os.path.join(self.home, "wheels")) if w.startswith("helper")][0]
        with open(os.path.join(self.home, "wheels", wheel), "ab") as f:
            f.write(b"tampered")
        rc, out, err = self.run_bootstrap("-c", "print('must not run')")
        self.assertEqual((rc, out), (FAILED, ""))
        self.assertIn("wheels/%s failed its hash check: requirements.lock says sha256:" % wheel, err)

    def test_an_interpreter_of_another_version_is_named_with_what_the_wheelhouse_needs(self):
        with open(os.path.join(self.home, "wheelhouse.json")) as f:
            manifest = json.load(f)
        manifest["python"].update(version="3.7.9", majorMinor="3.7", tag="cp37-cp37m-linux_x86_64")
        with open(os.path.join(self.home, "wheelhouse.json"), "w") as f:
            json.dump(manifest, f)
        rc, out, err = self.run_bootstrap("-c", "pass")
        self.assertEqual(rc, FAILED)
        self.assertIn(FAILED_LINE + "the wheelhouse was built for cpython 3.7.9 (cp37-cp37m-linux_x86_64), but this node's "
                      "interpreter is cpython %d.%d" % sys.version_info[:2], err)
        self.assertIn("PYSPARK_WHEELHOUSE_PYTHON", err)

    def test_a_missing_base_interpreter_is_named(self):
        rc, out, err = self.run_bootstrap("-c", "pass", PYSPARK_WHEELHOUSE_PYTHON="python3.99-nowhere")
        self.assertEqual(rc, FAILED)
        self.assertIn(FAILED_LINE + "base interpreter 'python3.99-nowhere' not found on", err)
        self.assertIn("set PYSPARK_WHEELHOUSE_PYTHON", err)

    def test_an_unwritable_cache_falls_back_to_the_working_directory_and_says_so(self):
        rc, out, err = self.run_bootstrap("-c", "import sys; print(sys.prefix)", PYSPARK_WHEELHOUSE_CACHE="/proc/no-cache")
        self.assertEqual(rc, 0, err)
        self.assertIn("the cache directory /proc/no-cache is not writable", err)
        self.assertTrue(out.strip().startswith(os.path.join(self.workdir, ".pyspark-wheelhouse")), out)


class ShippedRuntimeTest(BootstrapTestCase):
    """A Python runtime shipped with the job (<pythonRuntime>): YARN localizes it once per node and links it
    into each container; its marker (pyspark-runtime, the id first) keys the node's venv, which must point at
    the localized copy and not at the container's link, and a node that cannot run it is told so before the
    first exec. The runtime here is this interpreter relocated: its binary copied under a runtime root whose
    lib/python3.X is the real standard library, so that its sys.prefix is that root, as a runtime's is."""

    RUNTIME_ID = "0123456789abcdef"

    def setUp(self):
        super().setUp()
        self.localized = os.path.join(self.tmp, "filecache", "10", "cpython-test.tar.gz")
        os.makedirs(os.path.join(self.localized, "bin"))
        os.makedirs(os.path.join(self.localized, "lib"))
        shutil.copy2(os.path.realpath(sys.executable), os.path.join(self.localized, "bin", "python3"))
        os.symlink(sysconfig.get_paths()["stdlib"],
                   os.path.join(self.localized, "lib", "python%d.%d" % sys.version_info[:2]))
        self.write_marker()
        self.link_into(self.workdir)

    def forget_environments(self):
        # the bootstrap byte-compiles a new environment in the background: it may still be writing there
        deadline = time.time() + 30
        while os.path.exists(self.cache) and time.time() < deadline:
            shutil.rmtree(self.cache, ignore_errors=True)
            time.sleep(0.05)
        self.assertFalse(os.path.exists(self.cache), "the environments could not be removed")

    def write_marker(self, runtime_id=RUNTIME_ID, glibc="2.17", machine=None):
        with open(os.path.join(self.localized, bootstrap.RUNTIME_MARKER), "w") as f:
            f.write("id=%s\ncoordinates=org.example:cpython-test:1.0:tar.gz\nsha256=%s\npython=%d.%d\nglibc=%s\n"
                    "machine=%s\n" % (runtime_id, runtime_id * 4, sys.version_info[0], sys.version_info[1], glibc,
                                      machine or os.uname().machine))

    def link_into(self, container):
        os.makedirs(container, exist_ok=True)
        os.symlink(self.localized, os.path.join(container, "wheelhouse-python"))

    def env(self, **extra):
        return super().env(**dict({"PYSPARK_WHEELHOUSE_PYTHON": "./wheelhouse-python/bin/python3"}, **extra))

    def test_the_venv_is_keyed_by_the_runtime_and_points_at_the_localized_copy_not_the_containers_link(self):
        code = "import os, sys; print(sys.prefix); print(os.path.realpath(sys.base_prefix)); print(sys.version_info[:2])"
        rc, out, err = self.run_bootstrap("-c", code)
        self.assertEqual(rc, 0, err)
        venv, base, version = out.strip().splitlines()
        self.assertTrue(venv.endswith(os.sep + "%s-rt%s" % (bootstrap.interpreter_key(), self.RUNTIME_ID)), venv)
        self.assertEqual(base, self.localized)
        self.assertEqual(os.path.realpath(os.path.join(venv, "bin", "python")),
                         os.path.join(self.localized, "bin", "python3"))
        with open(os.path.join(os.path.dirname(venv), "current")) as f:
            self.assertTrue(f.read().startswith("./wheelhouse-python/bin/python3|id=%s " % self.RUNTIME_ID))

        # the next container on the node: its own link to the same localized copy; the first one is gone
        shutil.rmtree(self.workdir)
        self.workdir = os.path.join(self.tmp, "container_02")
        self.link_into(self.workdir)
        os.rename(os.path.join(self.home, "bootstrap", "bootstrap.py"), os.path.join(self.home, "bootstrap", "gone.py"))
        self.assertEqual(self.run_bootstrap("-c", code), (0, out, ""), "the warm path, in the venv already built")

    def test_another_runtime_under_the_same_link_gets_a_venv_of_its_own(self):
        rc, first, err = self.run_bootstrap("-c", "import sys; print(sys.prefix)")
        self.assertEqual(rc, 0, err)
        self.write_marker(runtime_id="fedcba9876543210")
        rc, second, err = self.run_bootstrap("-c", "import sys; print(sys.prefix)")
        self.assertEqual(rc, 0, err)
        self.assertIn("building the environment", err)
        self.assertTrue(second.strip().endswith("-rtfedcba9876543210"), second)
        self.assertTrue(os.path.isdir(first.strip()), "the first runtime's venv stays")

    def sysroot(self, getconf=None, files=()):
        """A node's file system as the glibc probe sees it (PYSPARK_WHEELHOUSE_SYSROOT): an optional getconf at
        /usr/bin/getconf with that script, and the given (empty) files."""
        root = os.path.join(self.tmp, "sysroot-%d" % len(os.listdir(self.tmp)))
        os.makedirs(root)
        if getconf is not None:
            path = os.path.join(root, "usr", "bin", "getconf")
            os.makedirs(os.path.dirname(path))
            with open(path, "w") as f:
                f.write("#!/bin/sh\n" + getconf + "\n")
            os.chmod(path, 0o755)
        for name in files:
            path = os.path.join(root, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            open(path, "w").close()
        return root

    def test_a_runtime_needing_a_newer_glibc_than_the_nodes_is_refused_before_the_first_exec(self):
        self.write_marker(glibc="2.30")
        node = self.sysroot(getconf="echo 'glibc 2.28'")  # a node with glibc 2.28
        rc, out, err = self.run_bootstrap("-c", "print('must not run')", PYSPARK_WHEELHOUSE_SYSROOT=node)
        self.assertEqual((rc, out), (FAILED, ""))
        self.assertIn("this Python (org.example:cpython-test:1.0:tar.gz) needs glibc 2.30, but ", err)
        self.assertIn(" has glibc 2.28: choose a runtime built for older systems, e.g. "
                      "org.bytedeco:cpython:3.11.3-1.5.9:jar:linux-x86_64", err)
        self.assertIn("<pythonRuntime> (-Dpyspark.pythonRuntime)", err)
        self.assertFalse(os.path.exists(self.cache), "nothing was built")

        self.write_marker(glibc="2.28")  # exactly the node's: it runs
        rc, out, err = self.run_bootstrap("-c", "print('ran')", PYSPARK_WHEELHOUSE_SYSROOT=node)
        self.assertEqual((rc, out), (0, "ran\n"), err)

    def test_no_getconf_on_the_path_is_no_missing_glibc(self):
        # a NodeManager's trimmed PATH: getconf is where the system keeps it, or the C library says its own version
        self.write_marker(glibc="2.17")
        bare = os.path.join(self.tmp, "bare-bin")
        os.makedirs(bare)
        rc, out, err = self.run_bootstrap("-c", "print('ran')", PATH=bare)
        self.assertEqual((rc, out), (0, "ran\n"), err)
        self.assertNotIn("musl", err)
        self.write_marker(glibc="99.0")  # and the version it found is the node's real one (a cold start: the check's)
        self.forget_environments()
        rc, out, err = self.run_bootstrap("-c", "pass", PATH=bare)
        self.assertEqual(rc, FAILED, err)
        self.assertRegex(err, r"needs glibc 99\.0, but .* has glibc \d+\.\d+: ")

    def test_a_musl_node_is_told_by_its_loader(self):
        node = self.sysroot(files=["lib/ld-musl-%s.so.1" % os.uname().machine])
        rc, _, err = self.run_bootstrap("-c", "pass", PYSPARK_WHEELHOUSE_SYSROOT=node)
        self.assertEqual(rc, FAILED)
        self.assertIn(FAILED_LINE + "this Python (org.example:cpython-test:1.0:tar.gz) needs glibc 2.17, but ", err)
        self.assertIn(" has no glibc but musl (its loader %s/lib/ld-musl-%s.so.1)" % (node, os.uname().machine), err)

    def test_a_node_whose_c_library_nothing_names_gets_a_trial_start_not_a_refusal(self):
        # musl's getconf knows no GNU_LIBC_VERSION, and no C library is where the probe looks: no evidence of musl
        node = self.sysroot(getconf="exit 1")
        rc, out, err = self.run_bootstrap("-c", "print('ran')", PYSPARK_WHEELHOUSE_SYSROOT=node)
        self.assertEqual((rc, out), (0, "ran\n"), err)
        # a runtime that then does not start: said with what it needs and that the node's glibc is unknown
        python = os.path.join(self.localized, "bin", "python3")
        os.rename(python, python + ".real")
        with open(python, "w") as f:
            f.write("#!/bin/sh\necho 'python3: /lib64/libc.so.6: version GLIBC_2.34 not found' >&2\nexit 1\n")
        os.chmod(python, 0o755)
        self.forget_environments()
        rc, out, err = self.run_bootstrap("-c", "print('must not run')", PYSPARK_WHEELHOUSE_SYSROOT=node)
        self.assertEqual((rc, out), (FAILED, ""))
        self.assertIn(FAILED_LINE + "this Python (org.example:cpython-test:1.0:tar.gz) needs glibc 2.17, and it did not "
                      "start on ", err)
        self.assertIn("whose glibc could not be determined (no getconf, no C library at the usual places): python3: "
                      "/lib64/libc.so.6: version GLIBC_2.34 not found.", err)

    def test_a_node_of_another_machine_is_refused(self):
        self.write_marker(machine="riscv64")
        rc, _, err = self.run_bootstrap("-c", "pass")
        self.assertEqual(rc, FAILED)
        self.assertIn(FAILED_LINE + "this Python (org.example:cpython-test:1.0:tar.gz) is built for riscv64, but ", err)
        self.assertIn(" is %s: choose a runtime built for %s" % (os.uname().machine, os.uname().machine), err)


class CacheEvictionTest(BootstrapTestCase):
    """The node's cache drops environments nobody started for the max age, never one in use."""

    def prefix(self, home=None, **env):
        process = subprocess.run([os.path.join(home or self.home, "bootstrap", "python"), "-c",
                                  "import sys; print(sys.prefix)"], cwd=self.workdir, env=self.env(**env),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=120)
        self.assertEqual(process.returncode, 0, process.stderr)
        self.settle(process.stdout.strip())
        return process.stdout.strip(), process.stderr

    def other_wheelhouse(self):
        root = os.path.join(self.tmp, "wheelhouse-b")
        os.makedirs(os.path.join(root, "wheels"))
        return write_wheelhouse(root, [make_wheel(os.path.join(root, "wheels"), "otherjob", "3.0",
                                                  {"otherjob.py": "X = 1\n"})])

    def settle(self, venv):
        """Waits for the background byte-compiler: a python of the venv too, it holds a lease and touches .in-use."""
        deadline = time.time() + 120
        wait_for_bytecode(venv, deadline)
        while time.time() < deadline:
            removable, lease = bootstrap.exclusive_lease(venv)
            if lease is not None:
                os.close(lease)
            if removable:
                return
            time.sleep(0.05)
        self.fail("the byte-compiler of %s did not finish" % venv)

    def idle_for(self, venv, days):
        then = time.time() - days * 86400
        os.utime(os.path.join(venv, ".in-use"), (then, then))

    def evict(self):
        return bootstrap.evict_idle(self.cache, None, 14 * 86400, grace=0.2)

    def hold(self, code, *args):
        """A process group that has done what code says, then waits to be killed (see release)."""
        process = subprocess.Popen([sys.executable if args else os.path.join(self.home, "bootstrap", "python"), "-c",
                                    code + "\nprint('holding', flush=True)\nimport time; time.sleep(120)"] + list(args),
                                   cwd=self.workdir, env=self.env(), stdout=subprocess.PIPE, universal_newlines=True,
                                   start_new_session=True)
        self.addCleanup(self.release, process)
        self.assertEqual(process.stdout.readline(), "holding\n")
        return process

    def release(self, process):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()
        process.stdout.close()

    def test_building_another_environment_removes_one_idle_for_longer_than_the_max_age(self):
        venv, _ = self.prefix()
        self.idle_for(venv, 15)
        other, err = self.prefix(self.other_wheelhouse())
        self.assertIn("building the environment", err)
        deadline = time.time() + 60  # the detached evictor waits its grace before it removes anything
        while os.path.exists(venv) and time.time() < deadline:
            time.sleep(0.1)
        self.assertFalse(os.path.exists(venv), "an environment idle for 15 days outlived the 14-day default")
        self.assertTrue(bootstrap.is_ready(other))
        again, err = self.prefix()
        self.assertEqual(again, venv)
        self.assertIn("building the environment", err)
        self.assertNotIn("incomplete", err)

    def test_a_start_renews_the_environment(self):
        venv, _ = self.prefix()
        self.idle_for(venv, 15)
        self.prefix()  # a warm start
        self.assertLess(time.time() - bootstrap.last_used(venv), 60)
        self.assertEqual(self.evict(), [])
        self.assertTrue(bootstrap.is_ready(venv))

    def test_an_environment_in_use_stays_however_long_ago_it_started(self):
        venv, _ = self.prefix()
        ready = os.stat(os.path.join(venv, ".ready")).st_mtime
        # like PySpark's daemon and its workers: only the forked worker holds the lease
        holder = self.hold("import os, sys, time\n"
                           "if os.fork() == 0:\n    time.sleep(120)\n    os._exit(0)\n"
                           "lease = sys.modules.get('_pyspark_wheelhouse_lease')\n"
                           "lease and os.close(lease._fd)")
        self.idle_for(venv, 30)
        self.assertEqual(self.evict(), [])
        self.assertTrue(bootstrap.is_ready(venv), ".ready must come back")
        self.assertEqual(os.stat(os.path.join(venv, ".ready")).st_mtime, ready)
        self.release(holder)
        self.assertEqual(self.evict(), [venv])
        self.assertFalse(os.path.exists(venv))

    def test_an_environment_being_built_is_left_alone(self):
        venv, _ = self.prefix()
        self.idle_for(venv, 30)
        self.hold("import fcntl, sys; lock = open(sys.argv[1], 'a'); fcntl.lockf(lock, fcntl.LOCK_EX)", venv + ".lock")
        self.assertEqual(self.evict(), [])
        self.assertTrue(bootstrap.is_ready(venv))

    def test_a_complete_environment_without_a_lease_file_stays(self):
        venv, _ = self.prefix()
        os.remove(os.path.join(venv, ".in-use"))  # as a bootstrap without leases would have built it
        os.utime(venv, (0, 0))
        self.assertEqual(self.evict(), [])
        self.assertTrue(bootstrap.is_ready(venv))

    def test_a_start_after_an_evictor_was_stopped_deciding_uses_the_environment_as_it_is(self):
        venv, _ = self.prefix()
        os.replace(os.path.join(venv, ".ready"), os.path.join(venv, ".ready.evicting"))  # kill -9 during the grace
        again, err = self.prefix()
        self.assertEqual(again, venv)
        self.assertNotIn("building", err)
        self.assertTrue(bootstrap.is_ready(venv))

    def test_the_max_age_comes_from_the_environment_and_zero_keeps_everything(self):
        cases = {None: 14 * 86400, "2": 2 * 86400, "0.5": 43200, "0": None, "-1": None, "soon": 14 * 86400}
        for raw, expected in cases.items():
            env = {k: v for k, v in os.environ.items() if k != bootstrap.MAX_AGE_VARIABLE}
            if raw is not None:
                env[bootstrap.MAX_AGE_VARIABLE] = raw
            with unittest.mock.patch.dict(os.environ, env, clear=True):
                self.assertEqual(bootstrap.max_age_seconds(), expected, raw)


class TagMatchingTest(unittest.TestCase):
    def test_pure_and_own_platform_wheels_are_supported(self):
        self.assertTrue(bootstrap.wheel_supported("py3-none-any"))
        self.assertTrue(bootstrap.wheel_supported("py2.py3-none-any"))
        self.assertTrue(bootstrap.wheel_supported("%s-%s-%s" % (PY_TAG, PY_TAG, PLATFORM)))
        self.assertTrue(bootstrap.wheel_supported("cp38-abi3-%s" % PLATFORM))

    def test_other_versions_and_platforms_are_not(self):
        self.assertFalse(bootstrap.wheel_supported("cp27-cp27mu-%s" % PLATFORM))
        self.assertFalse(bootstrap.wheel_supported("%s-%s-win_amd64" % (PY_TAG, PY_TAG)))
        self.assertFalse(bootstrap.wheel_supported("%s-%s-manylinux_2_17_s390x" % (PY_TAG, PY_TAG)))

    @unittest.skipUnless(PLATFORM == "linux_x86_64" and bootstrap.glibc(), "glibc x86_64 only")
    def test_manylinux_needs_a_new_enough_glibc(self):
        self.assertTrue(bootstrap.wheel_supported("%s-%s-manylinux_2_17_x86_64.manylinux2014_x86_64" % (PY_TAG, PY_TAG)))
        self.assertFalse(bootstrap.wheel_supported("%s-%s-manylinux_2_99_x86_64" % (PY_TAG, PY_TAG)))

    def test_shipped_python_is_python38_syntax_and_stdlib_only(self):
        with open(os.path.join(BOOTSTRAP, "bootstrap.py")) as f:
            sources = [f.read(), bootstrap.LEASE_CODE]  # the lease hook runs in every interpreter of a venv
        for source in sources:
            tree = ast.parse(source, feature_version=(3, 8))
            modules = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
            modules |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
            self.assertTrue(all(m in sys.stdlib_module_names for m in modules) if hasattr(sys, "stdlib_module_names")
                            else True, modules)


if __name__ == "__main__":
    unittest.main()
