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
// the runner is attached beside the zip (a gateway's Spark fetches it from the repository): the zip's own runner.py
def runner = new File(repo, 'installed-job-1.0-runner.py')
assert runner.isFile() : "runner not installed: $runner"
new java.util.zip.ZipFile(installed).withCloseable { zip ->
    assert runner.bytes == zip.getInputStream(zip.getEntry('runner.py')).bytes
}
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
// the plugin itself, as installed: a plain jar of its own classes, whose POM names the few libraries it runs with
// (visible to scanners, replaceable with <plugin><dependencies>), none of what cyclonedx-core-java would drag in
def pluginDir = new File(localRepositoryPath, 'io/github/sparkwheel/pyspark-maven-plugin').listFiles().find { it.isDirectory() }
def pluginPom = new groovy.xml.XmlSlurper().parse(pluginDir.listFiles().find { it.name.endsWith('.pom') })
def runtime = pluginPom.dependencies.dependency.findAll { !(it.scope.text() in ['provided', 'test']) }
        .collect { "${it.groupId.text()}:${it.artifactId.text()}".toString() } as Set
assert runtime == ['org.apache.commons:commons-compress', 'com.google.code.gson:gson', 'org.tomlj:tomlj'] as Set : runtime
def pluginJar = new java.util.zip.ZipFile(pluginDir.listFiles().find { it.name.endsWith('.jar') && !it.name.contains('-sources') })
def names = pluginJar.entries().toList()*.name
def foreign = names.findAll { it.endsWith('.class') && !it.startsWith('io/github/sparkwheel/') }
assert foreign.isEmpty() : "classes that are not the plugin's own: ${foreign.take(5)}"
assert !names.any { it.startsWith('io/github/sparkwheel/bundled/') }
assert pluginJar.getEntry('io/github/sparkwheel/sbom/licenses/licenses.json') != null
assert pluginJar.getEntry('META-INF/LICENSE') != null && pluginJar.getEntry('META-INF/NOTICE') != null
assert new File(pluginDir, pluginDir.listFiles().find { it.name.endsWith('.jar') }.name).length() < 2_000_000
pluginJar.close()
return true
