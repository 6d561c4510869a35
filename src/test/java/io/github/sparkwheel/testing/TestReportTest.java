package io.github.sparkwheel.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkwheel.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestReportTest {

    @TempDir
    Path dir;

    /** What pytest 9 writes with --junitxml (xunit2): testsuites around one testsuite. */
    private static final String PYTEST = "<?xml version=\"1.0\" encoding=\"utf-8\"?><testsuites name=\"pytest tests\">"
            + "<testsuite name=\"pyspark.job\" errors=\"1\" failures=\"1\" skipped=\"1\" tests=\"4\">"
            + "<testcase classname=\"test_job\" name=\"test_ok\" time=\"0.1\" />"
            + "<testcase classname=\"test_job\" name=\"test_bad\" time=\"0.2\"><failure message=\"AssertionError: one word only&#10;"
            + "assert 1 == 2\">long traceback</failure></testcase>"
            + "<testcase classname=\"test_job\" name=\"test_skip\"><skipped type=\"pytest.skip\" message=\"later\" /></testcase>"
            + "<testcase classname=\"\" name=\"test_job\"><error message=\"collection failure\">ImportError: x</error></testcase>"
            + "</testsuite></testsuites>";

    @Test
    void readsPytestsReport_countsAsSurefire_andNamesWhatFailed() throws Exception {
        Path file = Files.writeString(dir.resolve("TEST-pyspark.job.xml"), PYTEST);
        TestReport report = TestReport.read(file);
        assertThat(report.summary()).isEqualTo("Tests run: 4, Failures: 1, Errors: 1, Skipped: 1");
        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).containsExactly("test_job.test_bad: AssertionError: one word only");
        assertThat(report.errors()).containsExactly("test_job: collection failure");
        assertThat(report.failureMessage()).contains("Failed tests:", "  test_job.test_bad: AssertionError: one word only",
                "Tests in error:", "  test_job: collection failure", file.toString(), "-Dmaven.test.failure.ignore=true");
    }

    @Test
    void aPassingSuite_andATestsuiteRoot() throws Exception {
        Path file = Files.writeString(dir.resolve("r.xml"), "<testsuite name=\"s\" tests=\"2\">"
                + "<testcase classname=\"t.T\" name=\"a\"/><testcase classname=\"t.T\" name=\"b\"/></testsuite>");
        TestReport report = TestReport.read(file);
        assertThat(report.passed()).isTrue();
        assertThat(report.summary()).isEqualTo("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0");
    }

    @Test
    void aFailureWithoutMessage_isNamedByItsTextsLastLine() throws Exception {
        Path file = Files.writeString(dir.resolve("r.xml"), "<testsuite><testcase classname=\"t\" name=\"x\">"
                + "<failure>Traceback\n  File x\nValueError: bad value\n</failure></testcase></testsuite>");
        assertThat(TestReport.read(file).failures()).containsExactly("t.x: ValueError: bad value");
    }

    @Test
    void notXml_isSaidSo() throws Exception {
        Path file = Files.writeString(dir.resolve("r.xml"), "this is not xml");
        assertThatThrownBy(() -> TestReport.read(file)).isInstanceOf(UserError.class).hasMessageContaining("is no JUnit XML");
    }

    @Test
    void aRunStoppedAtItsTimeout_isReportedAsTheRunningTestInError() throws Exception {
        Path file = dir.resolve("reports/TEST-pyspark.job.xml");
        TestReport written = TestReport.writeTimedOut(file, "pyspark.job", "tests/test_job.py::TestCounts::test_waits",
                java.time.Duration.ofSeconds(20));
        TestReport read = TestReport.read(file);
        assertThat(read.summary()).isEqualTo("Tests run: 1, Failures: 0, Errors: 1, Skipped: 0").isEqualTo(written.summary());
        assertThat(read.errors()).containsExactly("tests.test_job.TestCounts.test_waits: Stopped after 20 s "
                + "(<testTimeout>, -Dpyspark.test.timeout): this test was running").isEqualTo(written.errors());

        TestReport.writeTimedOut(file, "pyspark.job", "test_report.HangTest.test_hangs", java.time.Duration.ofSeconds(5));
        assertThat(TestReport.read(file).errors()).singleElement().asString().startsWith("test_report.HangTest.test_hangs: ");
        TestReport.writeTimedOut(file, "pyspark.job", null, java.time.Duration.ofSeconds(5));
        assertThat(TestReport.read(file).errors()).containsExactly("pyspark.job.(the test run): Stopped after 5 s "
                + "(<testTimeout>, -Dpyspark.test.timeout)");
    }
}
