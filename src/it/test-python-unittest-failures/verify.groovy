def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 3 : log
def report = new File(basedir, 'target/surefire-reports/TEST-pyspark.test-python-unittest-failures.xml')

// 1. no test dependencies: unittest discovery, the script importable; the failing test fails the build by name
def first = runs[0]
assert first.contains('with unittest (no pytest among the test dependencies)') : first
assert first.contains('There are Python test failures (Tests run: 3, Failures: 1, Errors: 0, Skipped: 1)') : first
assert first =~ /\[ERROR\] Failed tests:\s+\[ERROR\]\s+test_report\.ReportTest\.test_fails_on_purpose: AssertionError: 7 != 8 : north sold 7, not 8/ : first
assert first.contains('BUILD FAILURE')

// 2. -Dmaven.test.failure.ignore: the build goes on, the failure said; the report is JUnit XML that says failure
def second = runs[1]
assert second.contains('[ERROR] There are Python test failures (Tests run: 3, Failures: 1, Errors: 0, Skipped: 1)')
assert second.contains('BUILD SUCCESS')
def suite = io.github.sparkwheel.it.JUnitXml.suite(report)
assert suite.root == 'testsuite'
assert suite.name == 'pyspark.test-python-unittest-failures'
assert [suite.tests, suite.failures, suite.errors, suite.skipped] == [3, 1, 0, 1]
def byName = suite.cases.collectEntries { [it.name, it] }
assert byName.test_fails_on_purpose.classname == 'test_report.ReportTest'
assert byName.test_fails_on_purpose.outcome == 'failure'
assert byName.test_fails_on_purpose.message.contains('north sold 7, not 8')
assert byName.test_fails_on_purpose.text.contains('Traceback')
assert byName.test_totals_per_region.outcome == 'passed'
assert byName.test_hangs.outcome == 'skipped'

// 3. a test that hangs is stopped at <testTimeout>, and the build names it
def third = runs[2]
assert third.contains('The Python tests did not finish within 20 s and were stopped: test_report.HangTest.test_hangs was running') : third
assert !third.contains('Exception in thread') : third // the killed child's closed pipes end its output quietly
// ... and the report says so, where CI servers look (here -Dpyspark.reportsDirectory, beside the run above's)
def hang = io.github.sparkwheel.it.JUnitXml.suite(new File(basedir, 'target/hang-reports/TEST-pyspark.test-python-unittest-failures.xml'))
assert [hang.tests, hang.failures, hang.errors, hang.skipped] == [1, 0, 1, 0]
assert hang.cases[0].classname == 'test_report.HangTest' && hang.cases[0].name == 'test_hangs'
assert hang.cases[0].outcome == 'error' && hang.cases[0].message.contains('Stopped after 20 s')
return true
