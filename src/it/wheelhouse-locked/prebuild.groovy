// The find-links (wheels/) hold older and newer versions than the locks pin; the locks are written here with the
// wheels' real sha256: src/main/python/pylock.toml (found beside the sources) and one per format under locks/
import io.github.sparkwheel.it.FixtureWheels
import java.security.MessageDigest

def wheels = new File(basedir, 'wheels').toPath()
def write = { name, version, requires ->
    FixtureWheels.write(wheels, name, version, 'py3-none-any',
            [(name + '/__init__.py'): "VERSION = '" + version + "'\n"], requires)
}
['0.1.0', '0.2.1', '0.3.0'].each { write('dep', it, ['helper>=1.0']) }
['1.0', '1.1'].each { write('helper', it, []) }
write('armdep', '1.0', [])
write('x86dep', '1.0', [])

def sha = { file -> MessageDigest.getInstance('SHA-256').digest(java.nio.file.Files.readAllBytes(wheels.resolve(file))).encodeHex().toString() }
def dep = sha('dep-0.2.1-py3-none-any.whl')
def helper = sha('helper-1.0-py3-none-any.whl')
def depOld = sha('dep-0.1.0-py3-none-any.whl')

def pylock = { hashes, extra ->
    """lock-version = "1.0"
created-by = "hand"

[[packages]]
name = "dep"
version = "${hashes.depVersion ?: '0.2.1'}"
wheels = [{name = "dep-${hashes.depVersion ?: '0.2.1'}-${hashes.depTags ?: 'py3-none-any'}.whl", url = "https://files.example.com/dep.whl", hashes = {sha256 = "${hashes.dep}"}}]

[[packages]]
name = "helper"
version = "1.0"
wheels = [{name = "helper-1.0-py3-none-any.whl", url = "https://files.example.com/helper.whl", hashes = {sha256 = "${hashes.helper}"}}]
""" + extra
}
def put = { path, text ->
    def file = new File(basedir, path)
    file.parentFile.mkdirs()
    file.text = text
}
put('src/main/python/pylock.toml', pylock([dep: dep, helper: helper], ''))
put('locks/tampered/pylock.toml', pylock([dep: dep.reverse(), helper: helper], ''))
put('locks/stale/pylock.toml', pylock([dep: depOld, depVersion: '0.1.0', helper: helper], ''))
put('locks/mac/pylock.toml', pylock([dep: dep, depTags: 'cp311-cp311-macosx_11_0_arm64', helper: helper], ''))
put('locks/markers/pylock.toml', pylock([dep: dep, helper: helper], """
[[packages]]
name = "armdep"
version = "1.0"
marker = "platform_machine == 'aarch64' and python_version == '3.10'"
wheels = [{name = "armdep-1.0-py3-none-any.whl", url = "https://files.example.com/armdep.whl", hashes = {sha256 = "${sha('armdep-1.0-py3-none-any.whl')}"}}]

[[packages]]
name = "x86dep"
version = "1.0"
marker = "platform_machine == 'x86_64'"
wheels = [{name = "x86dep-1.0-py3-none-any.whl", url = "https://files.example.com/x86dep.whl", hashes = {sha256 = "${sha('x86dep-1.0-py3-none-any.whl')}"}}]
"""))
put('locks/uv/uv.lock', """version = 1
requires-python = ">=3.8"

[[package]]
name = "lockjob"
version = "1.0"
source = { editable = "." }
dependencies = [{ name = "dep" }]

[[package]]
name = "dep"
version = "0.2.1"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "helper" }]
wheels = [{ url = "https://files.example.com/dep-0.2.1-py3-none-any.whl", hash = "sha256:${dep}", size = 1 }]

[[package]]
name = "helper"
version = "1.0"
source = { registry = "https://pypi.org/simple" }
wheels = [{ url = "https://files.example.com/helper-1.0-py3-none-any.whl", hash = "sha256:${helper}", size = 1 }]
""")
put('locks/poetry/poetry.lock', """[[package]]
name = "dep"
version = "0.2.1"
optional = false
python-versions = "*"
files = [{file = "dep-0.2.1-py3-none-any.whl", hash = "sha256:${dep}"}]

[package.dependencies]
helper = ">=1.0"

[[package]]
name = "helper"
version = "1.0"
optional = false
python-versions = "*"
files = [{file = "helper-1.0-py3-none-any.whl", hash = "sha256:${helper}"}]

[metadata]
lock-version = "2.0"
python-versions = ">=3.8"
content-hash = "0"
""")
put('locks/other-machines/pylock.toml', 'lock-version = "1.0"\nenvironments = ["sys_platform == \'darwin\'"]\n')
put('locks/tampered/requirements.txt', "dep==0.2.1 --hash=sha256:${dep.reverse()}\nhelper==1.0 --hash=sha256:${helper}\n")
put('locks/requirements.txt', """# pip-compile --generate-hashes
dep==0.2.1 \\
    --hash=sha256:${dep}
    # via lockjob
helper==1.0 \\
    --hash=sha256:${helper}
    # via dep
""")
return true
