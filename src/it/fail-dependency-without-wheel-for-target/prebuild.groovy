// slowmath for this machine's Python and platform only
import io.github.sparkwheel.it.FixtureWheels

def process = [python, '-c', 'import sys; print("cp%d%d" % sys.version_info[:2])'].execute()
def here = process.text.trim()
FixtureWheels.write(new File(basedir, 'wheels').toPath(), 'slowmath', '1.0', "${here}-${here}-linux_x86_64",
        ['slowmath.py': 'VERSION = 1\n'])
return true
