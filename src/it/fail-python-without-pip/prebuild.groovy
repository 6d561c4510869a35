// an interpreter without pip: a virtualenv created --without-pip
def venv = new File(basedir, 'target/nopip')
def p = new ProcessBuilder(python, '-m', 'venv', '--without-pip', venv.path).inheritIO().start()
assert p.waitFor() == 0
return true
