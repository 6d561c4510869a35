"""pyspark-maven-plugin executor bootstrap: the cold path behind bootstrap/python.

Builds, once per node, an isolated virtualenv from this wheelhouse, offline, and then runs the
virtualenv's python with the arguments Spark gave (``-m pyspark.daemon``, the runner, ...).

* The venv lives in a cache directory keyed by the wheelhouse's env id (a digest of its lock) and
  the interpreter's implementation, version and platform (and, for a Python runtime shipped with the
  job, the runtime's id), so later executors of this run or the next reuse it.
* Several processes starting at once build it once: an ``fcntl`` lock serialises the builders, and
  a ``.ready`` marker written last tells a complete venv from one whose build was killed; that one
  is deleted and built again.
* Wheels are verified against the lock's sha256 and unpacked straight into site-packages (a wheel
  is a zip), with console scripts and ``.dist-info`` metadata, which is several times faster than
  ``pip install`` (see bench/). Bytecode is compiled right after, in the background, so the first
  start does not wait for it.
* Layered, as the submit goal stages it: this archive is the job layer, with the job's own code
  unpacked under ``site/``, and ``bootstrap/dependency-layer`` names the sibling archive of
  dependency wheels. The venv is built from the dependency layer alone (its env id is a digest of
  the dependencies' lock), so every version of the job's code runs in the same venv; ``site/`` goes
  first on the PYTHONPATH.
* The cache is trimmed when it grows, that is after a build: environments of this node's cache that
  no process has started for PYSPARK_WHEELHOUSE_CACHE_MAX_AGE_DAYS (default 14; 0 keeps everything)
  are removed by a detached process, unless one is still in use: every interpreter of an environment
  holds a shared ``flock`` on its ``.in-use`` file (taken, and the file's time touched, by a ``.pth``
  hook at start-up), and forks such as PySpark's workers inherit it.

stdlib only, Python 3.8+. Messages go to stderr, which is what a user reads in ``yarn logs``;
stdout belongs to PySpark.
"""
import errno
import fcntl
import hashlib
import json
import os
import re
import shutil
import sys
import sysconfig
import time
import venv
import zipfile

PREFIX = "pyspark-wheelhouse bootstrap: "
# A failure's line and exit status (the plugin's Protocol.Failure.BOOTSTRAP_FAILED): the plugin knows it by the line.
FAILED_TAG = "FAILED: "
FAILED = 73
INSTALLER = "pyspark-wheelhouse"
HOME = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class BootstrapError(Exception):
    """A failure with a message for the user; the bootstrap says FAILED_TAG and exits with FAILED."""


def log(message):
    sys.stderr.write(PREFIX + message + "\n")
    sys.stderr.flush()


# --- what the wheelhouse was built for ---------------------------------------------------------


def load_manifest(home=HOME):
    with open(os.path.join(home, "wheelhouse.json"), encoding="utf-8") as f:
        return json.load(f)


def read_lock(home=HOME, name="requirements.lock"):
    """{canonical name: (version, sha256)} from pip's --require-hashes format."""
    locked = {}
    with open(os.path.join(home, name), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            m = re.match(r"^([A-Za-z0-9._-]+)==(\S+)\s+--hash=sha256:([0-9a-f]{64})$", line)
            if not m:
                raise BootstrapError("%s: cannot read lock line %r; the wheelhouse is corrupt, rebuild it" % (name, line))
            locked[canonical(m.group(1))] = (m.group(2), m.group(3))
    return locked


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


RUNTIME_MARKER = "pyspark-runtime"


def runtime_id():
    """'id=<16 hex>' when this interpreter is a Python runtime shipped with the job (<pythonRuntime>), else None:
    the first line of the marker at its root, as bootstrap/python reads it."""
    try:
        with open(os.path.join(sys.base_prefix, RUNTIME_MARKER), encoding="utf-8") as f:
            line = f.readline().strip()
    except OSError:
        return None
    return line if line.startswith("id=") else None


def interpreter_key():
    """cp311-linux_x86_64 (cp311-linux_x86_64-rt<id> on a shipped runtime): what a venv built by this
    interpreter is good for."""
    impl = {"cpython": "cp", "pypy": "pp"}.get(sys.implementation.name, sys.implementation.name)
    key = "%s%d%d-%s" % (impl, sys.version_info[0], sys.version_info[1], node_platform())
    runtime = runtime_id()
    return key + "-rt" + runtime[len("id="):] if runtime else key


def node_platform():
    return sysconfig.get_platform().replace("-", "_").replace(".", "_")


def describe_interpreter():
    return "%s %d.%d.%d at %s (%s)" % (
        sys.implementation.name, sys.version_info[0], sys.version_info[1], sys.version_info[2],
        sys.executable, node_platform())


def check_interpreter(manifest):
    """Fails, naming both, when this interpreter cannot run what the wheelhouse was built for."""
    built = manifest["python"]
    here = "%d.%d" % sys.version_info[:2]
    built_for = "%s %s (%s)" % (built["implementation"], built["version"], built["tag"])
    fix = ("set PYSPARK_WHEELHOUSE_PYTHON (spark.executorEnv.* and spark.yarn.appMasterEnv.*) to a matching "
           "interpreter, or build the wheelhouse with <python> set to the nodes' Python")
    if built["implementation"] != sys.implementation.name or built["majorMinor"] != here:
        raise BootstrapError("the wheelhouse was built for %s, but this node's interpreter is %s; %s"
                             % (built_for, describe_interpreter(), fix))
    for wheel in manifest["wheels"]:
        if not wheel_supported(wheel["tags"]):
            raise BootstrapError("%s (%s) does not run on this node's interpreter %s; the wheelhouse was built "
                                 "for %s; %s" % (wheel["file"], wheel["tags"], describe_interpreter(), built_for, fix))


def wheel_supported(tags):
    """A small, stdlib-only version of pip's tag matching: python, abi and platform tag sets."""
    pythons, abis, platforms = (part.split(".") for part in tags.split("-"))
    major, minor = sys.version_info[:2]
    impl = {"cpython": "cp", "pypy": "pp"}.get(sys.implementation.name, "")
    ok_python = {"py%d" % major, "py%d%d" % (major, minor), "%s%d%d" % (impl, major, minor), "%s%d" % (impl, major)}
    stable = impl == "cp" and any(re.match(r"^cp3(\d+)$", p) and int(p[3:]) <= minor for p in pythons)
    if not (ok_python.intersection(pythons) or ("abi3" in abis and stable)):
        return False
    if not ({"none", "abi3", "%s%d%d" % (impl, major, minor), "%s%d%dm" % (impl, major, minor)}.intersection(abis)):
        return False
    return any(platform_supported(p) for p in platforms)


def platform_supported(tag):
    node = node_platform()
    if tag in ("any", node):
        return True
    if not node.startswith("linux_"):
        return False
    arch = node[len("linux_"):]
    m = re.match(r"^(?:manylinux_(\d+)_(\d+)|manylinux(1|2010|2014)|musllinux_\d+_\d+)_(.+)$", tag)
    if not m or m.group(4) != arch:
        return False
    if tag.startswith("musllinux"):
        return glibc() is None
    need = {"1": (2, 5), "2010": (2, 12), "2014": (2, 17)}.get(m.group(3)) or (int(m.group(1)), int(m.group(2)))
    have = glibc()
    return have is not None and have >= need


def glibc():
    try:
        version = os.confstr("CS_GNU_LIBC_VERSION")  # "glibc 2.36"
        return tuple(int(x) for x in version.split()[1].split(".")[:2])
    except (AttributeError, ValueError, OSError, IndexError):
        return None


# --- the cache ---------------------------------------------------------------------------------


def cache_root():
    """PYSPARK_WHEELHOUSE_CACHE (bootstrap/python always sets it), else what it would choose."""
    configured = os.environ.get("PYSPARK_WHEELHOUSE_CACHE")
    if configured:
        return configured
    local_dirs = os.environ.get("LOCAL_DIRS")
    if local_dirs:
        return os.path.join(local_dirs.split(",")[0].split("/appcache/")[0], "pyspark-wheelhouse")
    return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "pyspark-wheelhouse")


def writable_directory(path):
    """Creates path if needed; returns None when it is usable, else the reason."""
    try:
        os.makedirs(path, mode=0o755, exist_ok=True)
        probe = os.path.join(path, ".write-test-%d" % os.getpid())
        with open(probe, "w"):
            pass
        os.remove(probe)
        return None
    except OSError as e:
        return e.strerror or str(e)


def environment_directory(env_id):
    """The directory holding this wheelhouse's venvs: in the cache, else in the working directory."""
    root = cache_root()
    wanted = os.path.join(root, env_id)
    reason = writable_directory(wanted)
    if reason is None:
        return wanted
    fallback = os.path.join(os.getcwd(), ".pyspark-wheelhouse", env_id)
    log("the cache directory %s is not writable (%s); building the environment in the container's working "
        "directory %s instead, for this process only. Set PYSPARK_WHEELHOUSE_CACHE to a writable directory on "
        "every node to share one environment between executors and runs." % (root, reason, fallback))
    reason = writable_directory(fallback)
    if reason is not None:
        raise BootstrapError("neither the cache %s nor the working directory %s is writable (%s)"
                             % (root, fallback, reason))
    return fallback


def layout(home=HOME):
    """(the directory the venv is built from, the job's site directory or None). A layered job layer
    names its dependency layer, a sibling in the container's working directory (a path, not a link:
    YARN links each archive into the working directory)."""
    try:
        with open(os.path.join(home, "bootstrap", "dependency-layer"), encoding="utf-8") as f:
            layer = f.read().strip()
    except FileNotFoundError:
        return home, None
    return os.path.join(os.path.dirname(home), layer), os.path.join(home, "site")


def ensure_environment(home=HOME):
    """Returns the path of a ready venv for this wheelhouse and interpreter, building it if needed."""
    manifest = load_manifest(home)
    check_interpreter(manifest)
    with open(os.path.join(home, "bootstrap", "env-id"), encoding="ascii") as f:
        env_id = f.read().strip()
    env_dir = environment_directory(env_id)
    target = os.path.join(env_dir, interpreter_key())
    if not is_ready(target):
        with open(target + ".lock", "a") as lock:
            waited = time.time()
            try:
                fcntl.lockf(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as e:
                if e.errno not in (errno.EACCES, errno.EAGAIN):
                    raise
                log("waiting for another process on this node that builds %s" % target)
                fcntl.lockf(lock, fcntl.LOCK_EX)
                log("waited %.1f s" % (time.time() - waited))
            if not is_ready(target) and not resume_after_stopped_eviction(target):
                build(home, manifest, target)
                root = cache_root()
                if env_dir == os.path.join(root, env_id):  # not the working-directory fallback
                    evict_in_background(root, target)
    point_current(env_dir, target)
    return target


def resume_after_stopped_eviction(target):
    """An evictor holds the builder's lock while .ready is hidden; found hidden under that lock, it was
    stopped before it decided, and the environment is complete: .ready comes back."""
    evicting = os.path.join(target, HIDDEN_READY)
    if not os.path.isfile(evicting):
        return False
    os.replace(evicting, os.path.join(target, ".ready"))
    return is_ready(target)


def is_ready(target):
    return os.path.isfile(os.path.join(target, ".ready")) and os.access(os.path.join(target, "bin", "python"), os.X_OK)


def point_current(env_dir, target):
    """Records 'base-as-configured base-path venv' for bootstrap/python's builtin-only warm path."""
    base = os.environ.get("PYSPARK_WHEELHOUSE_PYTHON", "python3")
    runtime = runtime_id()
    if runtime:
        base += "|" + runtime
    line = "%s %s %s\n" % (base, os.path.realpath(sys.executable), target)
    current = os.path.join(env_dir, "current")
    try:
        with open(current, encoding="utf-8") as f:
            if f.read() == line:
                return
    except OSError:
        pass
    tmp = "%s.%d.tmp" % (current, os.getpid())
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(line)
        os.replace(tmp, current)
    except OSError:
        pass  # the warm path is an optimisation; the cold path keeps working


# --- building ----------------------------------------------------------------------------------


def build(home, manifest, target):
    started = time.time()
    if os.path.lexists(target):
        log("removing the incomplete environment %s (an earlier start was stopped while building it)" % target)
        shutil.rmtree(target, ignore_errors=True)
    wheels = manifest["wheels"]
    log("building the environment %s from %d wheels with %s" % (target, len(wheels), describe_interpreter()))
    venv.EnvBuilder(with_pip=False, symlinks=os.name != "nt", clear=True).create(target)
    paths = scheme_paths(target)
    locked = read_lock(home)
    for wheel in wheels:
        path = os.path.join(home, wheel["file"])
        expected = locked.get(canonical(wheel["name"]))
        verify_hash(path, expected[1] if expected else None, wheel["file"])
        install_wheel(path, paths, target)
    write_lease_hook(paths, target)
    with open(os.path.join(target, ".ready.tmp"), "w", encoding="utf-8") as f:
        json.dump({"wheelhouse": manifest.get("digest"), "python": describe_interpreter(), "wheels": len(wheels),
                   "seconds": round(time.time() - started, 3)}, f)
    os.replace(os.path.join(target, ".ready.tmp"), os.path.join(target, ".ready"))
    compile_in_background(target, paths)
    log("environment ready in %.1f s; byte-compiling it in the background" % (time.time() - started))


def scheme_paths(target):
    scheme = "venv" if "venv" in sysconfig.get_scheme_names() else "posix_prefix"
    base = {"base": target, "platbase": target, "installed_base": target, "installed_platbase": target}
    return sysconfig.get_paths(scheme=scheme, vars=base)


def verify_hash(path, expected, label):
    if expected is None:
        raise BootstrapError("%s is not in requirements.lock; the wheelhouse is corrupt, rebuild it" % label)
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != expected:
        raise BootstrapError("%s failed its hash check: requirements.lock says sha256:%s, the file has sha256:%s; "
                             "the wheelhouse is corrupt or was changed, rebuild and resubmit it"
                             % (label, expected, digest.hexdigest()))


def install_wheel(path, paths, target):
    """Unpacks a wheel as pip would: files, .data directories, console scripts, INSTALLER."""
    with zipfile.ZipFile(path) as whl:
        names = whl.namelist()
        dist_info = next((n.split("/")[0] for n in names if n.split("/")[0].endswith(".dist-info")
                          and n.endswith("/WHEEL")), None)
        if dist_info is None:
            raise BootstrapError("%s has no .dist-info/WHEEL; it is not a wheel" % os.path.basename(path))
        wheel_meta = whl.read(dist_info + "/WHEEL").decode("utf-8")
        purelib = re.search(r"(?mi)^Root-Is-Purelib:\s*true\s*$", wheel_meta) is not None
        root = paths["purelib"] if purelib else paths["platlib"]
        data_dir = dist_info[: -len(".dist-info")] + ".data"
        for info in whl.infolist():
            if info.filename.endswith("/"):
                continue
            parts = info.filename.split("/")
            if parts[0] == data_dir and len(parts) > 2:
                destination = data_destination(parts[1], paths, target, dist_info)
                relative = "/".join(parts[2:])
            else:
                destination, relative = root, info.filename
            out = safe_join(destination, relative, path)
            os.makedirs(os.path.dirname(out), exist_ok=True)
            with whl.open(info) as src, open(out, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
            mode = (info.external_attr >> 16) & 0o777
            if parts[0] == data_dir and len(parts) > 2 and parts[1] == "scripts":
                fix_script(out, target)
                mode |= 0o755
            if mode & 0o111:
                os.chmod(out, mode | 0o644)
        entry_points = dist_info + "/entry_points.txt"
        if entry_points in names:
            write_scripts(whl.read(entry_points).decode("utf-8"), paths["scripts"], target)
    with open(os.path.join(root, dist_info, "INSTALLER"), "w", encoding="utf-8") as f:
        f.write(INSTALLER + "\n")


def data_destination(kind, paths, target, dist_info):
    if kind in ("purelib", "platlib", "scripts", "data"):
        return paths[kind]
    if kind == "headers":
        return os.path.join(paths["include"], dist_info.split("-")[0])
    raise BootstrapError("%s: unknown .data directory %r" % (dist_info, kind))


def safe_join(directory, relative, wheel):
    out = os.path.normpath(os.path.join(directory, relative))
    if not out.startswith(os.path.normpath(directory) + os.sep):
        raise BootstrapError("%s: refusing the entry %r, which points outside the environment" % (wheel, relative))
    return out


def fix_script(path, target):
    """A wheel's scripts start with '#!python'; point them at the venv's interpreter."""
    with open(path, "rb") as f:
        content = f.read()
    if content.startswith(b"#!python"):
        interpreter = os.path.join(target, "bin", "python").encode()
        content = b"#!" + interpreter + content[len(b"#!python"):]
        with open(path, "wb") as f:
            f.write(content)


SCRIPT = """#!{python}
# -*- coding: utf-8 -*-
import re
import sys
from {module} import {head}
if __name__ == "__main__":
    sys.argv[0] = re.sub(r"(-script\\.pyw|\\.exe)?$", "", sys.argv[0])
    sys.exit({call}())
"""


def write_scripts(entry_points, scripts_dir, target):
    section = None
    os.makedirs(scripts_dir, exist_ok=True)
    for raw in entry_points.splitlines():
        line = raw.strip()
        if line.startswith("["):
            section = line
            continue
        if section not in ("[console_scripts]", "[gui_scripts]") or "=" not in line or line.startswith("#"):
            continue
        name, value = (x.strip() for x in line.split("=", 1))
        value = value.split("[", 1)[0].strip()
        module, _, attrs = value.partition(":")
        attrs = attrs.strip() or None
        if not attrs:
            continue
        out = os.path.join(scripts_dir, name)
        with open(out, "w", encoding="utf-8") as f:
            f.write(SCRIPT.format(python=os.path.join(target, "bin", "python"), module=module.strip(),
                                  head=attrs.split(".")[0], call=attrs))
        os.chmod(out, 0o755)


COMPILE = """
import compileall, os, sys
try:
    os.nice(10)
except OSError:
    pass
marker = sys.argv[1]
ok = all(compileall.compile_dir(d, quiet=2, workers=0) for d in sys.argv[2:])
with open(marker + ".tmp", "w") as f:
    f.write("ok\\n" if ok else "errors\\n")
os.replace(marker + ".tmp", marker)
"""

def compile_in_background(target, paths):
    """Byte-compiles site-packages, so that Python workers do not pay for cold imports, without
    delaying the first start: a detached, niced process writes the .pyc files (atomically, as imports
    do) and then the .compiled marker."""
    directories = sorted({paths["purelib"], paths["platlib"]})
    python = os.path.join(target, "bin", "python")
    command = [python, "-c", COMPILE, os.path.join(target, ".compiled")] + [d for d in directories if os.path.isdir(d)]
    detach(command, "byte-compiling %s; Python will write bytecode as modules are imported" % target)


def detach(command, what):
    """Runs command in a new session, as a grandchild: init adopts it, so it is neither a child of the
    job that this process becomes nor stopped with the container's process group. No interpreter start
    is waited for (a fork costs a millisecond or two)."""
    try:
        pid = os.fork()
    except OSError as e:
        log("could not start %s (%s)" % (what, e))
        return
    if pid == 0:
        try:
            os.setsid()
            if os.fork() == 0:
                devnull = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(devnull, fd)
                os.execv(command[0], command)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


# --- keeping the node's cache in bounds ---------------------------------------------------------

MAX_AGE_VARIABLE = "PYSPARK_WHEELHOUSE_CACHE_MAX_AGE_DAYS"
DEFAULT_MAX_AGE_DAYS = 14
EVICT_FLAG = "--pyspark-wheelhouse-evict"
# how long a start that passed bootstrap/python's check of .ready just before the evictor hid it may
# take to reach its lease (an interpreter start: milliseconds; this leaves a wide margin)
EVICT_GRACE_SECONDS = 5.0
HIDDEN_READY = ".ready.evicting"  # .ready while an evictor decides
IN_USE = ".in-use"
LEASE_MODULE = "_pyspark_wheelhouse_lease"
LEASE_CODE = """\
# Written by pyspark-maven-plugin's executor bootstrap. While this interpreter, or a process forked
# from it (PySpark's workers), runs, it holds a shared lock on the environment's .in-use file, whose
# time it has set to now: the node's cache does not remove an environment that is in use.
import fcntl as _fcntl
import os as _os
import sys as _sys

try:
    _fd = _os.open(_os.path.join(_sys.prefix, "%s"), _os.O_RDONLY)
    _fcntl.flock(_fd, _fcntl.LOCK_SH | _fcntl.LOCK_NB)
    _os.utime(_fd)
except OSError:
    pass
""" % IN_USE


def write_lease_hook(paths, target):
    """The .pth hook that makes every interpreter of the environment hold its lease (see LEASE_CODE)."""
    with open(os.path.join(target, IN_USE), "w"):
        pass
    site = paths["purelib"]
    with open(os.path.join(site, LEASE_MODULE + ".py"), "w", encoding="utf-8") as f:
        f.write(LEASE_CODE)
    with open(os.path.join(site, LEASE_MODULE + ".pth"), "w", encoding="utf-8") as f:
        f.write("import %s\n" % LEASE_MODULE)


def max_age_seconds():
    """PYSPARK_WHEELHOUSE_CACHE_MAX_AGE_DAYS in seconds; None when eviction is off (0)."""
    raw = os.environ.get(MAX_AGE_VARIABLE, "").strip()
    days = DEFAULT_MAX_AGE_DAYS
    if raw:
        try:
            days = float(raw)
        except ValueError:
            log("ignoring %s=%r, which is not a number of days; keeping environments for %d days"
                % (MAX_AGE_VARIABLE, raw, DEFAULT_MAX_AGE_DAYS))
    return None if days <= 0 else days * 86400


def last_used(target):
    """When a process last started in the environment (its .in-use time), else when it was made."""
    for path in (os.path.join(target, IN_USE), target):
        try:
            return os.stat(path).st_mtime
        except OSError:
            continue
    return time.time()


def evict_in_background(root, keep):
    """Starts the eviction of idle environments in a detached process: the job does not wait for it."""
    max_age = max_age_seconds()
    if max_age is not None:
        detach([sys.executable, "-E", "-S", os.path.abspath(__file__), EVICT_FLAG, root, keep, repr(max_age)],
               "trimming the cache %s" % root)


def evict_idle(root, keep, max_age, grace=EVICT_GRACE_SECONDS):
    """Removes the environments under root (except keep) that no process started for max_age seconds and
    that no process uses now. Returns the removed paths.

    For each candidate it takes the builder's lock (so no build or other evictor runs on it) and hides
    .ready (so bootstrap/python's warm path no longer hands over to it). After the grace, a process that
    passed the warm path's check just before holds its lease: an exclusive flock on .in-use then fails,
    .ready comes back, and the environment stays."""
    now = time.time()
    held = []
    try:
        for env_id in sorted(os.listdir(root)):
            env_dir = os.path.join(root, env_id)
            if not os.path.isdir(env_dir):
                continue
            for name in sorted(os.listdir(env_dir)):
                target = os.path.join(env_dir, name)
                if target == keep or not os.path.isdir(target) or now - last_used(target) <= max_age:
                    continue
                lock = open(target + ".lock", "a")
                try:
                    fcntl.lockf(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    lock.close()  # being built, or another evictor has it
                    continue
                ready = os.path.join(target, ".ready")
                if os.path.exists(ready):
                    os.replace(ready, os.path.join(target, HIDDEN_READY))
                held.append((target, lock))
        if held:
            time.sleep(grace)
        removed = []
        for target, _ in held:
            hidden = os.path.join(target, HIDDEN_READY)
            removable, lease = exclusive_lease(target)
            if not removable:  # in use: it stays
                if os.path.exists(hidden):
                    os.replace(hidden, os.path.join(target, ".ready"))
                continue
            try:
                if os.path.exists(hidden):  # unmarked first: if stopped halfway, the next start rebuilds it
                    os.remove(hidden)
                shutil.rmtree(target, ignore_errors=True)
            finally:
                if lease is not None:
                    os.close(lease)
            removed.append(target)
        return removed
    finally:
        for _, lock in held:
            lock.close()


def exclusive_lease(target):
    """(removable, descriptor to close once removed). An environment is removable when an exclusive flock
    on its .in-use file succeeds, so no process of it holds its shared lease, or when it never finished
    building. One that is complete but has no .in-use file was built by a bootstrap without leases and
    may be in use: it stays."""
    try:
        fd = os.open(os.path.join(target, IN_USE), os.O_RDONLY)
    except OSError:
        complete = any(os.path.exists(os.path.join(target, name)) for name in (".ready", HIDDEN_READY))
        return not complete, None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True, fd
    except OSError:
        os.close(fd)
        return False, None


def evict_main(args):
    root, keep, max_age = args
    try:
        evict_idle(root, keep, float(max_age))
    except OSError:
        pass  # best effort: a cache that vanished or changed under us is left to the next build
    return 0


# --- main --------------------------------------------------------------------------------------


def main(argv):
    if argv[:1] == [EVICT_FLAG]:
        return evict_main(argv[1:])
    real = os.path.realpath(sys.executable)
    if runtime_id() and real != sys.executable:
        # a shipped runtime is reached through the container's link to YARN's localized copy, which goes with
        # the container: the venv must point at the copy itself, which later containers on this node share
        os.execv(real, [real, "-E", "-S", os.path.abspath(__file__)] + argv)
    dependencies, site = layout()
    try:
        if not os.path.isfile(os.path.join(dependencies, "wheelhouse.json")):
            raise BootstrapError("the dependency layer %s is missing from the working directory %s; ship it with "
                                 "--archives <dependency layer>#%s, as the submit goal does"
                                 % (dependencies, os.getcwd(), os.path.basename(dependencies)))
        target = ensure_environment(dependencies)
    except BootstrapError as e:
        log(FAILED_TAG + str(e))
        return FAILED
    if site is not None:
        inherited = os.environ.get("PYTHONPATH")
        os.environ["PYTHONPATH"] = site + (os.pathsep + inherited if inherited else "")
    python = os.path.join(target, "bin", "python")
    os.execv(python, [python] + argv)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
