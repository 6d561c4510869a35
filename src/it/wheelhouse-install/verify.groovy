import org.cyclonedx.parsers.JsonParser

def log = new File(basedir, 'build.log').text
assert log.count('-m pip wheel') == 2 : log
def repo = new File(localRepositoryPath, 'it/pyspark/installed-job/1.0')
def installed = new File(repo, 'installed-job-1.0-wheelhouse.zip')
def sbom = new File(repo, 'installed-job-1.0-cyclonedx.json')
assert installed.isFile() : "not installed: $installed"
assert sbom.isFile() : "bill of materials not installed: $sbom"
// what the second, forced build wrote is byte for byte what the first one installed
assert installed.bytes == new File(basedir, 'target/installed-job-1.0-wheelhouse.zip').bytes
assert sbom.bytes == new File(basedir, 'target/installed-job-1.0-cyclonedx.json').bytes
assert log =~ /Wrote \S+\/target\/installed-job-1\.0-cyclonedx\.json \(CycloneDX 1\.6 bill of materials of pkg:maven\/it\.pyspark\/installed-job@1\.0\?classifier=wheelhouse&type=zip: 6 wheels, sha256:[0-9a-f]{64}\)/ : log

def parser = new JsonParser()
assert parser.validate(sbom, org.cyclonedx.Version.VERSION_16).isEmpty()
def bom = parser.parse(sbom)
assert bom.metadata.timestamp.toInstant().toString() == '2026-01-02T03:04:05Z'
assert bom.metadata.component.purl == 'pkg:maven/it.pyspark/installed-job@1.0?classifier=wheelhouse&type=zip'

// every wheel of the zip, with the hash the zip's manifest gives it
def zip = new java.util.zip.ZipFile(installed)
def manifest = new groovy.json.JsonSlurper().parse(zip.getInputStream(zip.getEntry('wheelhouse.json')))
zip.close()
def components = bom.components.collectEntries { [(it.name): it] }
assert components.keySet() == manifest.wheels*.name as Set
assert components.keySet() == ['simplejob', 'pytest', 'iniconfig', 'packaging', 'pluggy', 'pygments'] as Set
manifest.wheels.each { w ->
    def c = components[w.name]
    assert c.version == w.version && c.purl == "pkg:pypi/${w.name}@${w.version}"
    assert c.hashes*.value == [w.sha256]
}
// licences from the wheels' METADATA: the job's License field (an SPDX id), the others' License-Expression
assert components.simplejob.licenses.licenses*.id == ['Apache-2.0']
assert components.pytest.licenses.expression.value == 'MIT'
assert components.packaging.licenses.expression.value == 'Apache-2.0 OR BSD-2-Clause'
// the graph: the job's artifact → its wheel → pytest → pytest's four dependencies
def graph = bom.dependencies.collectEntries { [(it.ref): (it.dependencies ?: [])*.ref] }
assert graph['pkg:maven/it.pyspark/installed-job@1.0?classifier=wheelhouse&type=zip'] == ['pkg:pypi/simplejob@0.5']
assert graph['pkg:pypi/simplejob@0.5'] == ['pkg:pypi/pytest@9.1.1']
assert graph['pkg:pypi/pytest@9.1.1'].size() == 4
return true
