"""Gathers the build backend wheels (setuptools, wheel) that the ITs' offline pip needs, and says
whether the real-pyspark IT will run.

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
    report_real_pyspark()


def report_real_pyspark():
    """Says plainly, in the build's own output, whether the real-pyspark IT runs (its selector decides)."""
    home = os.environ.get("PYSPARK_IT_SPARK_HOME")
    zips = os.environ.get("PYSPARK_IT_PYSPARK_ZIP")
    if home or zips:
        print("real pyspark for submit-yarn-wordcount-real-pyspark: " + (home or zips + ", " +
                                                                          os.environ.get("PYSPARK_IT_PY4J_ZIP", "?")))
    else:
        print("SKIPPED: submit-yarn-wordcount-real-pyspark, the real PySpark word count on YARN (cluster and client "
              "mode), needs a real pyspark: set PYSPARK_IT_SPARK_HOME to a Spark 3.5 home, or PYSPARK_IT_PYSPARK_ZIP "
              "and PYSPARK_IT_PY4J_ZIP")


if __name__ == "__main__":
    main(sys.argv[1])
