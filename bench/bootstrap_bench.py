"""Benchmark of the executor bootstrap (prints figures, asserts nothing).

On a generated wheelhouse shaped like a pandas job (17 wheels, ~31 MB: two large ones with many
modules and an incompressible native blob, fifteen small pure ones), compares
  * the bootstrap's cold start (fresh cache: venv, hash checks, unpack, bytecode) with the floor of
    plainly unzipping the wheels (goal <= 1.5) and with pip installing them (goal: at least 2x faster);
  * the warm start of bootstrap/python with a bare `python -c pass` (goal: <= 50 ms overhead);
  * with RUNTIME_PYTHON set (a shipped Python runtime as the nodes get it, of this Python's minor version):
    the cold start on that runtime, linked into a container directory as YARN does, with the cold start
    on the node's own Python (goal <= 1.3).
usage: [RUNTIME_PYTHON=.../bin/python3] python3 bench/bootstrap_bench.py [rounds]
"""
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "python"))
from test_bootstrap import PLATFORM, PY_TAG, make_wheel, write_wheelhouse  # noqa: E402

PYTHON = os.path.realpath(sys.executable)  # the real binary, not a pyenv shim


def module_source(i):
    return ("'''Generated module %d.'''\nimport math\n\n\nclass Thing%d:\n    def __init__(self, x):\n        self.x = x\n\n"
            "    def value(self):\n        return math.sqrt(self.x) * %d\n\n" % (i, i, i)) * 6


def generate(wheels):
    rnd = random.Random(42)
    paths = []
    for name, modules, blob_mb in [("bigframes", 1500, 10), ("numbers", 600, 18)]:
        files = {"%s/sub%d/m%04d.py" % (name, i % 20, i): module_source(i) for i in range(modules)}
        files.update({"%s/sub%d/__init__.py" % (name, j): "" for j in range(20)})
        files["%s/__init__.py" % name] = "from . import sub0\n"
        files["%s/_native.so" % name] = bytes(rnd.getrandbits(8) for _ in range(blob_mb * 1024 * 1024))
        paths.append(make_wheel(wheels, name, "1.0", files, tags="%s-%s-%s" % (PY_TAG, PY_TAG, PLATFORM)))
    for k in range(15):
        name = "purelib%02d" % k
        files = {"%s/m%03d.py" % (name, i): module_source(i) for i in range(80)}
        files["%s/__init__.py" % name] = ""
        paths.append(make_wheel(wheels, name, "0.%d" % k, files,
                                entry_points="[console_scripts]\n%s-cli = %s:main\n" % (name, name)))
    return paths


def timed(command, **kwargs):
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - start


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYSPARK_WHEELHOUSE"))}
    env.update(PIP_CONFIG_FILE=os.devnull, PYSPARK_WHEELHOUSE_PYTHON=PYTHON)
    env.update(extra)
    return env


def main(rounds):
    work = tempfile.mkdtemp(prefix="bootstrap-bench-")
    try:
        home = os.path.join(work, "wheelhouse")
        os.makedirs(os.path.join(home, "wheels"))
        paths = generate(os.path.join(home, "wheels"))
        write_wheelhouse(home, paths)
        size = sum(os.path.getsize(p) for p in paths)
        print("wheelhouse: %d wheels, %.1f MB, python %s" % (len(paths), size / 1e6, PYTHON))
        interpreter = os.path.join(home, "bootstrap", "python")
        lock = os.path.join(home, "requirements.lock")

        floor, cold, compiled, pip_only, pip_default = [], [], [], [], []
        for r in range(rounds):
            out = os.path.join(work, "unzip-%d" % r)
            os.sync()  # each measurement starts without the previous one's dirty pages to write back
            start = time.perf_counter()
            for p in paths:
                with zipfile.ZipFile(p) as z:
                    z.extractall(out)
            floor.append(time.perf_counter() - start)

            cache = os.path.join(work, "cache-%d" % r)
            os.sync()
            cold.append(timed([interpreter, "-c", "pass"], cwd=work, env=clean_env(PYSPARK_WHEELHOUSE_CACHE=cache)))
            # the background byte-compilation must not slow the other measurements down
            start = time.perf_counter()
            while not [d for d, _, files in os.walk(cache) if ".compiled" in files]:
                time.sleep(0.01)
            compiled.append(cold[-1] + time.perf_counter() - start)

            venv = os.path.join(work, "pip-venv-%d" % r)
            os.sync()
            start = time.perf_counter()
            subprocess.run([PYTHON, "-m", "venv", "--without-pip", venv], check=True)
            subprocess.run([PYTHON, "-m", "pip", "--python", os.path.join(venv, "bin", "python"), "install", "-q",
                            "--no-index", "--find-links", os.path.join(home, "wheels"), "--require-hashes", "-r", lock],
                           check=True, env=clean_env(), stdout=subprocess.DEVNULL)
            pip_only.append(time.perf_counter() - start)

            venv = os.path.join(work, "pip-default-%d" % r)
            os.sync()
            start = time.perf_counter()
            subprocess.run([PYTHON, "-m", "venv", venv], check=True)
            subprocess.run([os.path.join(venv, "bin", "pip"), "install", "-q", "--no-index", "--find-links",
                            os.path.join(home, "wheels"), "--require-hashes", "-r", lock],
                           check=True, env=clean_env(), stdout=subprocess.DEVNULL)
            pip_default.append(time.perf_counter() - start)
            print("round %d: unzip %.2f s, bootstrap cold %.2f s (bytecode done at %.2f s), venv+pip --python %.2f s, venv with pip + pip install "
                  "%.2f s" % (r + 1, floor[-1], cold[-1], compiled[-1], pip_only[-1], pip_default[-1]))

        cache = os.path.join(work, "cache-0")
        env = clean_env(PYSPARK_WHEELHOUSE_CACHE=cache)
        with open(os.path.join(cache, os.listdir(cache)[0], "current")) as f:
            venv_python = os.path.join(f.read().split(" ", 2)[2].strip(), "bin", "python")
        bare, direct, warm = [], [], []
        for _ in range(40):
            bare.append(timed([PYTHON, "-c", "pass"], env=env))
            direct.append(timed([venv_python, "-c", "pass"], env=env))
            warm.append(timed([interpreter, "-c", "pass"], cwd=work, env=env))
        m = statistics.median
        runtime = os.environ.get("RUNTIME_PYTHON")
        node_cold, runtime_cold = [], []
        if runtime:
            container = os.path.join(work, "container")
            os.makedirs(container)
            os.symlink(os.path.dirname(os.path.dirname(runtime)), os.path.join(container, "wheelhouse-python"))
            for r in range(rounds):
                for which in (("node", "runtime") if r % 2 == 0 else ("runtime", "node")):
                    cache = os.path.join(work, "cache-%s-%d" % (which, r))
                    base = PYTHON if which == "node" else "./wheelhouse-python/bin/python3"
                    os.sync()
                    t = timed([interpreter, "-c", "pass"], cwd=container,
                              env=clean_env(PYSPARK_WHEELHOUSE_CACHE=cache, PYSPARK_WHEELHOUSE_PYTHON=base))
                    (node_cold if which == "node" else runtime_cold).append(t)
                    while not [d for d, _, files in os.walk(cache) if ".compiled" in files]:
                        time.sleep(0.01)
                print("round %d: cold start on the node's python %.2f s, on the shipped runtime %.2f s"
                      % (r + 1, node_cold[-1], runtime_cold[-1]))
        print("medians over %d rounds:" % rounds)
        print("  unzip floor                      %6.2f s" % m(floor))
        print("  bootstrap cold start             %6.2f s   / floor %.2f (goal <= 1.5)" % (m(cold), m(cold) / m(floor)))
        print("  ... and its background bytecode  %6.2f s   after the start" % m(compiled))
        print("  venv + pip install (pip --python)%6.2f s   / bootstrap %.2f" % (m(pip_only), m(pip_only) / m(cold)))
        print("  venv with pip + pip install      %6.2f s   / bootstrap %.2f (goal >= 2)" % (m(pip_default), m(pip_default) / m(cold)))
        print("  python -c pass                   %6.1f ms" % (1000 * m(bare)))
        print("  venv's bin/python -c pass        %6.1f ms   (no site-packages of the base: starts faster)" % (1000 * m(direct)))
        print("  bootstrap/python -c pass (warm)  %6.1f ms   overhead %.1f ms over python, %.1f ms over the venv's "
              "python (goal <= 50 ms)" % (1000 * m(warm), 1000 * (m(warm) - m(bare)), 1000 * (m(warm) - m(direct))))
        if runtime:
            print("  cold start, node's python       %6.2f s" % m(node_cold))
            print("  cold start, shipped runtime     %6.2f s   / node's python %.2f (goal <= 1.3); %s"
                  % (m(runtime_cold), m(runtime_cold) / m(node_cold), runtime))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
