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
// the plugin itself, as installed: its POM names no library Maven would resolve for its class realm (they are
// inside its jar, relocated), and META-INF/BUNDLED-LIBRARIES.txt names every library the jar bundles
def pluginDir = new File(localRepositoryPath, 'io/github/sparkwheel/pyspark-maven-plugin').listFiles().find { it.isDirectory() }
def pluginPom = new groovy.xml.XmlSlurper().parse(pluginDir.listFiles().find { it.name.endsWith('.pom') })
def resolved = pluginPom.dependencies.dependency.findAll { !(it.scope.text() in ['provided', 'test']) }
assert resolved.isEmpty() : "the installed plugin POM makes Maven resolve: ${resolved.collect { it.artifactId.text() }}"
def pluginJar = new java.util.zip.ZipFile(pluginDir.listFiles().find { it.name.endsWith('.jar') })
def bundledPoms = pluginJar.entries().toList()*.name.findAll { it ==~ /META-INF\/maven\/[^\/]+\/[^\/]+\/pom\.properties/ }
def bundled = bundledPoms.collect { name ->
    def props = new Properties()
    props.load(pluginJar.getInputStream(pluginJar.getEntry(name)))
    "${props.groupId}:${props.artifactId}:${props.version}".toString()
}.findAll { !it.startsWith('io.github.sparkwheel:') } as Set
def listing = pluginJar.getInputStream(pluginJar.getEntry('META-INF/BUNDLED-LIBRARIES.txt')).text
def listed = (listing =~ /[\w.-]+:[\w.-]+:\d[\w.-]*/).collect { it }
assert bundled.every { it in listed } : "bundled but not in BUNDLED-LIBRARIES.txt: ${bundled.findAll { !(it in listed) }}"
// tomlj's jar carries no pom.properties: its classes stand for it
assert (listed - bundled) == ['org.tomlj:tomlj:1.1.1'] && pluginJar.getEntry('io/github/sparkwheel/bundled/org/tomlj/Toml.class') != null
assert pluginJar.getEntry('io/github/sparkwheel/bundled/org/cyclonedx/generators/BomGeneratorFactory.class') != null
assert pluginJar.getEntry('org/cyclonedx/generators/BomGeneratorFactory.class') == null
assert pluginJar.getEntry('META-INF/LICENSE') != null && pluginJar.getEntry('META-INF/NOTICE') != null
pluginJar.close()
return true
