"""Gathers the build backend wheels (setuptools, wheel) that the ITs' offline pip needs.

The ITs run pip with --no-index and a find-links directory; PEP 517 build isolation then installs
setuptools and wheel from it. Both come from this machine, never from PyPI: setuptools from the
interpreter's own ensurepip bundle (Debian's python: /usr/share/python-wheels), wheel from Debian's
python3-wheel-whl. Debian's setuptools wheel is patched for Debian's python only, so the bundle of
the interpreter that runs the ITs is preferred.

usage: python fixture_wheels.py OUTPUT_DIR
"""
import glob
import os
import shutil
import sys


def candidates(name):
    try:
        import ensurepip

        bundled = os.path.join(os.path.dirname(ensurepip.__file__), "_bundled")
        yield from sorted(glob.glob(os.path.join(bundled, name + "-*.whl")))
    except ImportError:
        pass
    yield from sorted(glob.glob(os.path.join("/usr/share/python-wheels", name + "-*.whl")))


def main(out):
    os.makedirs(out, exist_ok=True)
    for name, package in (("setuptools", "python3-setuptools-whl"), ("wheel", "python3-wheel-whl")):
        found = next(iter(candidates(name)), None)
        if found is None:
            sys.exit("No %s wheel on this machine for the ITs' offline builds: apt-get install %s" % (name, package))
        shutil.copy2(found, out)
        print("fixture wheel:", found)


if __name__ == "__main__":
    main(sys.argv[1])
