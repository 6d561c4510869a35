def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 3 : log
def mono = new File(basedir, 'monorepo')

// 1. mvn -T 4 package, from the reactor: the job's wheelhouse holds textkit's very wheel
assert runs[0].contains('Taking the Python library modules\' wheels as they are: textkit-1.0.0.dev0-py3-none-any.whl')
def attached = new File(mono, 'textkit/target/pyspark-wheel/wheel/textkit-1.0.0.dev0-py3-none-any.whl')
def zip = new java.util.zip.ZipFile(new File(mono, 'etl-job/target/etl-job-1.0.0-SNAPSHOT-wheelhouse.zip'))
def inside = zip.getInputStream(zip.getEntry('wheels/textkit-1.0.0.dev0-py3-none-any.whl')).bytes
zip.close()
assert inside == attached.bytes
assert runs[0] =~ /etl-job 1\.0\.0-SNAPSHOT \.+ SUCCESS/

// ... and in its test phase, each module's Python tests: textkit's with unittest (no test dependencies declared), in
// an environment built from the library's wheel; etl-job's with pytest and a local Spark whose classpath has the udfs
// module's jar (the Java UDF called from SQL) and whose Python workers have textkit. Reported as JUnit XML.
def suite = { String module ->
    def s = io.github.sparkwheel.it.JUnitXml.suite(new File(mono, "${module}/target/surefire-reports/TEST-pyspark.${module}.xml"))
    [tests: s.tests, failures: s.failures, errors: s.errors, names: s.cases*.name]
}
assert runs[0] =~ /Running the Python tests of \S+textkit\/src\/test\/python with unittest/ : runs[0]
assert runs[0] =~ /Running the Python tests of \S+etl-job\/src\/test\/python with pytest/
assert suite('textkit') == [tests: 3, failures: 0, errors: 0, names: ['test_it_is_the_installed_wheel', 'test_shout',
        'test_words_are_lower_case_and_keep_apostrophes']]
assert suite('etl-job') == [tests: 2, failures: 0, errors: 0, names: ['test_the_java_udf_of_the_udfs_module',
        'test_textkit_on_the_python_workers']]
assert runs[0].count('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0') == 1
assert runs[0].count('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0') == 1

// 2. again: nothing to rebuild, and mvn install publishes the wheel as an artifact of type whl
assert runs[1].contains("Wheel ${attached.path} is up to date")
assert runs[1] =~ /Wheelhouse \S+etl-job-1\.0\.0-SNAPSHOT-wheelhouse\.zip is up to date/
// the tests ran again in the environments the first run built: no venv built, pip not started for them
assert runs[1].count('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0') == 1 : runs[1]
assert runs[1].count('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0') == 1
assert !(runs[1] =~ /bootstrap: building the environment \S+\/pyspark-test\/cache\//) : runs[1]
assert runs[0] =~ /bootstrap: building the environment \S+etl-job\/target\/pyspark-test\/cache\//
assert runs[1] =~ /Test dependencies \(the test extra of \S+etl-job\/src\/main\/python\/pyproject\.toml\) are up to date/
def installed = new File(localRepositoryPath, 'io/github/sparkwheel/examples/textkit/1.0.0-SNAPSHOT/textkit-1.0.0-SNAPSHOT.whl')
assert installed.bytes == attached.bytes

// 3. the job on YARN: the udfs jar shipped, its Java UDF called from SQL, textkit on the executors
def submit = runs[2]
assert submit.contains('Shipping jars: udfs-1.0.0-SNAPSHOT.jar')
def app = (submit =~ /Submitted YARN application (application_\d+_\d+)/)[0][1]
assert submit.contains("YARN application $app finished: SUCCEEDED") : submit
def props = new Properties()
new File(yarnDir, 'yarn.properties').withInputStream { props.load(it) }
def out = []
new File(props.logDir).eachFileRecurse { f -> if (f.name == 'stdout' && f.path.contains(app)) out << f.text }
def driver = out.join('\n')
assert driver.contains('initials\tTBONTB\tto be or not to be') : driver
assert driver =~ /(?m)^BE!\t2$/
assert driver =~ /(?m)^textkit on the executors: \S*\/usercache\/\S+\/pyspark-wheelhouse\/[0-9a-f]{32}\/cp3\d+-\S+\/site-packages\/textkit\/__init__\.py$/ : driver
return true
