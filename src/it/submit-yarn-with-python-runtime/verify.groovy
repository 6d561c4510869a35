def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 5 : log
def props = new Properties()
new File(yarnDir, 'yarn.properties').withInputStream { props.load(it) }
def stdout = { String app ->
    def out = []
    new File(props.logDir).eachFileRecurse { f -> if (f.name == 'stdout' && f.path.contains(app)) out << f.text }
    out.join('\n')
}
// where YARN localizes the runtime layer on the node: its filecache (PUBLIC, or the user's), never the container
def localized = { String version -> /\S+\/filecache\/\d+\/python-runtime-[0-9a-f]{64}-cpython-${version}-linux-x86_64\.tar\.gz/ }
def venv = { String py, String runtimeId -> /\S*\/usercache\/\S+\/pyspark-wheelhouse\/[0-9a-f]{32}\/cp${py}-linux_x86_64-rt${runtimeId}\/bin\/python/ }

// 1. mvn install: pip ran on the runtime, for it; verify started the job's bootstrap on the runtime as the nodes get it
def install = runs[0]
assert install =~ /Python runtime org\.bytedeco:cpython:3\.10\.8-1\.5\.8:jar:linux-x86_64 \(CPython 3\.10, glibc 2\.17\+, x86_64\) at \S+\/\.cache\/pyspark-maven-plugin\/python-runtimes\/([0-9a-f]{16})/ : install
def id310 = (install =~ /python-runtimes\/([0-9a-f]{16})\b/)[0][1]
assert install =~ /Running \S+\/python-runtimes\/${id310}\/bin\/python3 -m pip wheel/
assert install =~ /base interpreter '\S+\/python-runtimes\/${id310}-node\/tree\/bin\/python3'/
assert (install =~ /pyspark-verify: imported (etljob|reportjob)/).size() == 2 : install
// (etl was rebuilt for CPython 3.12 by the fourth run, report stays as the first run built it)
[['report', '3.10', 'org.bytedeco:cpython:3.10.8-1.5.8:jar:linux-x86_64', '2.17'],
 ['etl', '3.12', 'org.bytedeco:cpython:3.12.1-1.5.10:jar:linux-x86_64', '2.30']].each { module, python, coordinates, glibc ->
    def file = new File(basedir, "${module}/target/${module}-1.0-wheelhouse.zip")
    def zip = new java.util.zip.ZipFile(file)
    def manifest = new groovy.json.JsonSlurper().parse(zip.getInputStream(zip.getEntry('wheelhouse.json')))
    assert manifest.python.majorMinor == python
    assert manifest.runtime.coordinates == coordinates
    assert manifest.runtime.glibc == glibc && manifest.runtime.sha256 ==~ /[0-9a-f]{64}/
    if (module == 'etl') {
        assert zip.entries().toList()*.name.any { it ==~ /wheels\/cstats-0\.3-cp312-cp312-linux_x86_64\.whl/ } : 'built for the runtime'
    }
    zip.close()
    // the wheelhouse stays small: the runtime is a layer of its own, not inside it
    assert file.length() < 200_000
}
assert install.contains('Created wheel for cstats: filename=cstats-0.3-cp310-cp310-linux_x86_64.whl') : install

// 2. the first job on YARN, cluster mode: driver and executors on CPython 3.10 from the runtime layer, in venvs keyed by it
def first = runs[1]
def app = (first =~ /Submitted YARN application (application_\d+_\d+)/)[0][1]
assert first.contains("YARN application $app finished: SUCCEEDED") : first
def staged = (first =~ /pyspark-staging: python-runtime layer (\S+): (staged, (\d+) bytes|already staged)/)
assert staged.size() == 1 : first
def runtimeLayer = staged[0][1]
def out = stdout(app)
assert out.contains('sum of squares: 30') : out
assert out =~ /(?m)^driver python: 3\.10\.8 ${venv('310', id310)} ${localized('3.10.8-1.5.8')}$/ : out
assert out =~ /(?m)^executor python: 3\.10\.8 ${venv('310', id310)} ${localized('3.10.8-1.5.8')} \S+\/site-packages\/cstats\.cpython-310-x86_64-linux-gnu\.so$/ : out
assert out.contains('spark 3.5.5')

// 3. a second job on the same runtime: the runtime layer is already on the cluster, no byte of it is staged again
def second = runs[2]
app = (second =~ /Submitted YARN application (application_\d+_\d+)/)[0][1]
assert second.contains("YARN application $app finished: SUCCEEDED") : second
assert second.contains("pyspark-staging: python-runtime layer ${runtimeLayer}: already staged") : second
assert stdout(app) =~ /(?m)^report rows: 10 python 3\.10\.8 ${localized('3.10.8-1.5.8')}$/ : stdout(app)

// 4. and 5. Spark 4.0 on CPython 3.12: rebuilt for it; in client mode the driver runs here, on the runtime as the
//    nodes get it, and the executors on YARN
def spark4 = runs[3] + runs[4]
def id312 = (spark4 =~ /Python runtime org\.bytedeco:cpython:3\.12\.1-1\.5\.10:jar:linux-x86_64 \(CPython 3\.12, glibc 2\.30\+, x86_64\) at \S+\/python-runtimes\/([0-9a-f]{16})/)[0][1]
app = (runs[4] =~ /Submitted YARN application (application_\d+_\d+)/)[0][1]
assert runs[4] =~ /The driver finished successfully; YARN application ${app} ran its executors/ : runs[4]
assert runs[4] =~ /(?m)^\[INFO\] sum of squares: 30$/
assert runs[4] =~ /(?m)^\[INFO\] driver python: 3\.12\.1 \S+\/target\/pyspark-submit\/cache\/[0-9a-f]{32}\/cp312-linux_x86_64-rt${id312}\/bin\/python \S+\/python-runtimes\/${id312}-node\/tree$/ : runs[4]
assert runs[4] =~ /(?m)^\[INFO\] executor python: 3\.12\.1 ${venv('312', id312)} ${localized('3.12.1-1.5.10')} \S+cstats\.cpython-312-x86_64-linux-gnu\.so$/ : runs[4]
assert runs[4] =~ /(?m)^\[INFO\] spark 4\.0\.1$/
return true
