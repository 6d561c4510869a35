import io.github.sparkwheel.it.FixtureWheels
def wheels = new File(basedir, 'wheels').toPath()
['1.0', '2.0'].each { FixtureWheels.write(wheels, 'libc', it, 'py3-none-any', ['libc.py': ("V = '" + it + "'\n").toString()]) }
FixtureWheels.write(wheels, 'liba', '1.0', 'py3-none-any', ['liba.py': ''], ['libc==1.0'])
FixtureWheels.write(wheels, 'libb', '1.0', 'py3-none-any', ['libb.py': ''], ['libc==2.0'])
return true
