// an extra wheel that goes into the wheelhouse as it is (<extraDistributions>), made without a build backend
def dir = new File(basedir, 'target/extra')
dir.mkdirs()
def script = '''
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as whl:
    whl.writestr("extra_tool.py", "NAME = 'extra'\\n")
    whl.writestr("extra_tool-0.1.dist-info/METADATA", "Metadata-Version: 2.1\\nName: extra-tool\\nVersion: 0.1\\n")
    whl.writestr("extra_tool-0.1.dist-info/WHEEL", "Wheel-Version: 1.0\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n")
    whl.writestr("extra_tool-0.1.dist-info/RECORD", "")
'''
def p = new ProcessBuilder(python, '-c', script, new File(dir, 'extra_tool-0.1-py3-none-any.whl').path).inheritIO().start()
assert p.waitFor() == 0
return true
