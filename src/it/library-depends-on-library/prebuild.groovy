// Decoys: the find-links also hold textkit and corelib 9.0.0, newer than the reactor's 2.1.0.dev0. The jobs
// name their libraries unpinned, so pip alone would take these; the wheelhouse must hold the reactor's wheels.
import io.github.sparkwheel.it.FixtureWheels

def decoys = new File(basedir, 'decoys').toPath()
for (name in ['textkit', 'corelib']) {
    def files = [:]
    files[name + '/__init__.py'] = "raise ImportError('the decoy " + name + " from an index, not the reactor')\n"
    FixtureWheels.write(decoys, name, '9.0.0', 'py3-none-any', files)
}
// job-b is locked: its pylock.toml pins fixdep 1.0 (the find-links also hold 2.0) and names no library module,
// whose wheels Maven pins
for (version in ['1.0', '2.0']) {
    FixtureWheels.write(decoys, 'fixdep', version, 'py3-none-any', ['fixdep/__init__.py': "VERSION = '" + version + "'\n"])
}
def fixdep = java.security.MessageDigest.getInstance('SHA-256')
        .digest(java.nio.file.Files.readAllBytes(decoys.resolve('fixdep-1.0-py3-none-any.whl'))).encodeHex().toString()
new File(basedir, 'job-b/src/main/python/pylock.toml').text = """lock-version = "1.0"
created-by = "hand"

[[packages]]
name = "fixdep"
version = "1.0"
wheels = [{name = "fixdep-1.0-py3-none-any.whl", url = "https://files.example.com/fixdep-1.0-py3-none-any.whl", hashes = {sha256 = "${fixdep}"}}]
"""
return true
