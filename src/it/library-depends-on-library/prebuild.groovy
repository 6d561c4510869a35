// Decoys: the find-links also hold textkit and corelib 9.0.0, newer than the reactor's 2.1.0.dev0. The jobs
// name their libraries unpinned, so pip alone would take these; the wheelhouse must hold the reactor's wheels.
import io.github.sparkwheel.it.FixtureWheels

def decoys = new File(basedir, 'decoys').toPath()
for (name in ['textkit', 'corelib']) {
    def files = [:]
    files[name + '/__init__.py'] = "raise ImportError('the decoy " + name + " from an index, not the reactor')\n"
    FixtureWheels.write(decoys, name, '9.0.0', 'py3-none-any', files)
}
return true
