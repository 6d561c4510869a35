// Fixture wheels, retagged: fastmath for the cluster (cp310, manylinux2014_aarch64) and for this machine, purehelp pure
import io.github.sparkwheel.it.FixtureWheels

def wheels = new File(basedir, 'wheels').toPath()
def here = "cp${sys(python, 'import sys; print("%d%d" % sys.version_info[:2])')}"
FixtureWheels.write(wheels, 'fastmath', '1.0', 'cp310-cp310-manylinux2014_aarch64',
        ['fastmath/__init__.py': 'from ._native import add\n', 'fastmath/_native.cpython-310-aarch64-linux-gnu.so': 'ELF for aarch64'])
FixtureWheels.write(wheels, 'fastmath', '1.1', "${here}-${here}-linux_x86_64",
        ['fastmath/__init__.py': 'raise ImportError("the x86_64 build")\n'])
FixtureWheels.write(wheels, 'purehelp', '2.0', 'py3-none-any', ['purehelp.py': 'NAME = "purehelp"\n'])
return true

static String sys(String python, String code) {
    def process = [python, '-c', code].execute()
    def out = process.text.trim()
    process.waitFor()
    return out
}
