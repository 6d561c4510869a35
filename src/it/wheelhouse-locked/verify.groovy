import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 12 : log
def sources = new File(basedir, 'src/main/python').canonicalFile
def locks = new File(basedir, 'locks').canonicalFile
def took = { String run, String what ->
    assert run =~ /Took \d+ locked packages from the ${java.util.regex.Pattern.quote(what)} \(/ : run
    (run =~ /Took \d+ locked packages from the [^(]+\(([^)]*)\)/)[0][1]
}

// 1-4. each format: the locked versions, not the newer ones beside them; pip resolved nothing
assert took(runs[0], "PEP 751 lock ${sources}/pylock.toml") == 'dep 0.2.1, helper 1.0'
assert took(runs[1], "uv lock ${locks}/uv/uv.lock") == 'dep 0.2.1, helper 1.0'
assert took(runs[2], "Poetry lock ${locks}/poetry/poetry.lock") == 'dep 0.2.1, helper 1.0'
assert took(runs[3], "hashed requirements file ${locks}/requirements.txt") == 'dep 0.2.1, helper 1.0'
// a lock that names its wheels: the project's build and the fetching of the pinned wheels side by side, nothing
// resolved; the wheels' sha256 checked after
runs[0..2].each { run ->
    assert run =~ /(?m)Running \S+ -m pip wheel .* --no-deps --requirement \S+locked-pins\.txt$/ : run
    assert run =~ /(?m)Running \S+ -m pip wheel .* --no-deps \S+pyspark-wheelhouse\/src$/ : run
    assert (run =~ /Running \S+ -m pip /).size() == 2 : run
    assert run.contains('BUILD SUCCESS')
}
// a hashed requirements file names no files: pip's hash-checking mode, after the project's own wheel
assert runs[3] =~ /Running \S+ -m pip wheel .* --no-deps --require-hashes .*--requirement \S+locked-requirements\.txt/ : runs[3]

// 5. a tampered hash: the file, both hashes, the fix
assert runs[4] =~ /Building from the PEP 751 lock \S+tampered\/pylock\.toml: the file the build's indexes and find-links serve for dep 0\.2\.1 \(dep-0\.2\.1-py3-none-any\.whl\) has sha256 [0-9a-f]{64}, which the lock does not allow \(it allows [0-9a-f]{64}\)/ : runs[4]
assert runs[4].contains('update the lock (mvn pyspark:lock -Dpyspark.lock.upgrade=dep')
// 11. the same in pip's hash-checking mode (a hashed requirements file): pip's refusal, explained
assert runs[10] =~ /Building from the hashed requirements file \S+tampered\/requirements\.txt: The file pip found for dep 0\.2\.1 \(\S+dep-0\.2\.1-py3-none-any\.whl\) has sha256 [0-9a-f]{64}, which the lock does not allow \(it allows [0-9a-f]{64}\)/ : runs[10]

// 6. out of date with pyproject.toml: what differs and how to fix it, never a re-resolve
assert runs[5].contains("The PEP 751 lock ${locks}/stale/pylock.toml no longer fits the job")
assert runs[5].contains('the project lockjob (its pyproject.toml) requires dep >=0.2, but the lock pins dep 0.1.0')
assert runs[5].contains('The build does not resolve again on its own: update the lock with the tool that wrote it')

// 7. no file for this machine
assert runs[6] =~ /The PEP 751 lock \S+mac\/pylock\.toml has no file for cpython 3\.\d+ on \S+ of dep 0\.2\.1 \(dep-0\.2\.1-cp311-cp311-macosx_11_0_arm64\.whl\)/ : runs[6]

// 8. markers for the target (aarch64, 3.10), not this x86_64 machine: armdep ships, x86dep does not
assert runs[7].contains('Building from the PEP 751 lock ' + "${locks}/markers/pylock.toml" + ' for python_version == "3.10" and sys_platform == "linux" and platform_machine == "aarch64"')
assert took(runs[7], "PEP 751 lock ${locks}/markers/pylock.toml") == 'dep 0.2.1, helper 1.0, armdep 1.0'
assert runs[7] =~ /Running \S+ -m pip download .*--only-binary=:all: --platform manylinux2014_aarch64 .*--no-deps --require-hashes/ : runs[7]

// 9. pyspark:lock -Dpyspark.lock.upgrade=helper: helper moves, dep stays; the wheelhouse follows the new lock
assert runs[8] =~ /Upgrading helper; the 1 other packages keep their locked versions/ : runs[8]
assert runs[8] =~ /Wrote \S+pylock\.toml: 2 packages for python_version == "3\.\d+" and sys_platform == "linux" and platform_machine == "x86_64", each file with its sha256; moved: helper 1\.0 -> 1\.1/ : runs[8]
assert took(runs[8], "PEP 751 lock ${sources}/pylock.toml") == 'dep 0.2.1, helper 1.1'

// 10. pyspark:lock afresh: the newest dep; the wheelhouse holds it
assert runs[9] =~ /moved: dep 0\.2\.1 -> 0\.3\.0/ : runs[9]
assert took(runs[9], "PEP 751 lock ${sources}/pylock.toml") == 'dep 0.3.0, helper 1.1'
// 12. a lock made for other machines is replaced, not refused
assert runs[11] =~ /Replacing \S+other-machines\/pylock\.toml, which this build cannot use \(The PEP 751 lock \S+ cannot be used: it was made for \[sys_platform == 'darwin'\]/ : runs[11]
assert runs[11] =~ /Wrote \S+other-machines\/pylock\.toml: 2 packages for / : runs[11]
assert new File(locks, 'other-machines/pylock.toml').text.contains('name = "dep"\nversion = "0.3.0"')

def lock = new File(sources, 'pylock.toml').text
assert lock.startsWith('# Written by mvn pyspark:lock')
assert lock.contains('lock-version = "1.0"') && lock.contains('created-by = "pyspark-maven-plugin"')
assert lock =~ /\[\[packages\]\]\nname = "dep"\nversion = "0\.3\.0"\n\n\[\[packages\.wheels\]\]\nname = "dep-0\.3\.0-py3-none-any\.whl"\npath = "\.\.\/\.\.\/\.\.\/wheels\/dep-0\.3\.0-py3-none-any\.whl"\nhashes = \{sha256 = "[0-9a-f]{64}"\}/
assert !lock.contains('lockjob') : 'the project is built from its sources, not locked'

def zip = new java.util.zip.ZipFile(new File(basedir, 'target/locked-1.0-wheelhouse.zip'))
def names = zip.entries().toList()*.name.findAll { it.startsWith('wheels/') }.sort()
assert names == ['wheels/dep-0.3.0-py3-none-any.whl', 'wheels/helper-1.1-py3-none-any.whl',
                 'wheels/lockjob-1.0-py3-none-any.whl'] : names
def manifest = new JsonSlurper().parseText(zip.getInputStream(zip.getEntry('wheelhouse.json')).text)
zip.close()
def lockSha = java.security.MessageDigest.getInstance('SHA-256').digest(new File(sources, 'pylock.toml').bytes).encodeHex().toString()
assert manifest.lockedFrom == [file: 'pylock.toml', format: 'pylock', sha256: lockSha] : manifest.lockedFrom
def bom = new JsonSlurper().parse(new File(basedir, 'target/locked-1.0-cyclonedx.json'))
def props = bom.metadata.component.properties.collectEntries { [(it.name): it.value] }
assert props.find { it.key.endsWith('lock-file') }?.value == 'pylock.toml' : props
assert props.find { it.key.endsWith('lock-sha256') }?.value == lockSha : props
return true
