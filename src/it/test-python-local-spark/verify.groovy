def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 4 : log
def report = new File(basedir, 'target/surefire-reports/TEST-pyspark.test-python-local-spark.xml')
def suite = {
    def s = io.github.sparkwheel.it.JUnitXml.suite(report)
    [name: s.name, tests: s.tests, failures: s.failures, errors: s.errors,
     cases: s.cases.collect { it.classname + '.' + it.name }]
}
def venvBuilt = { String run -> run =~ /bootstrap: building the environment \S+\/target\/pyspark-test\/cache\// }

// 1. mvn package: the test extra's pytest beside the job's environment (built by its bootstrap, as on a node), a local
//    Spark from Maven's jars; then the wheelhouse goal finds the wheelhouse the tests ran in up to date
def first = runs[0]
assert first =~ /Installed 5 test dependencies beside the job's environment: iniconfig-\S+, packaging-\S+, pluggy-\S+, pygments-\S+, pytest-9\.1\.1-py3-none-any\.whl/ : first
assert venvBuilt(first)
assert first.contains('with pytest, in the job\'s environment and a local Spark (Spark from Maven)')
assert first.contains('[INFO] Tests run: 3, Failures: 0, Errors: 0, Skipped: 0')
assert first =~ /(?s)pyspark:\S+:wheelhouse .*Wheelhouse \S+test-python-local-spark-1\.0-wheelhouse\.zip is up to date/
assert first.contains('BUILD SUCCESS')
assert new File(basedir, 'target/pyspark-test/spark-home/bin/spark-submit').canExecute()

// 2. -DskipTests skips them, as Surefire's
assert runs[1].contains('Skipping test: skipTests is set')
assert !runs[1].contains('Running the Python tests')
assert runs[1].contains('BUILD SUCCESS')

// 3. a selection that matches nothing fails, as Surefire's -Dtest does
assert runs[2].contains('No Python test of') && runs[2].contains('matches -Dpyspark.test=no_such_test') : runs[2]

// 4. mvn test again, -Dpyspark.test selecting by pytest's -k: no venv built, pip not started for the test
// dependencies; the report is JUnit XML of the one selected test
def last = runs[3]
assert last.contains('selected by most_frequent')
assert !venvBuilt(last) : last
assert last =~ /Test dependencies \(the test extra of \S+pyproject\.toml\) are up to date/
assert last =~ /Wheelhouse \S+ is up to date/
assert last.contains('[INFO] Tests run: 1, Failures: 0, Errors: 0, Skipped: 0') : last
assert suite() == [name: 'pyspark.test-python-local-spark', tests: 1, failures: 0, errors: 0,
        cases: ['test_job.test_most_frequent_first_then_alphabetical']]
// nothing written into the sources: no __pycache__, no .pytest_cache
assert !new File(exampleTests, '__pycache__').exists()
assert !new File(exampleTests, '.pytest_cache').exists()
return true
