package io.github.sparkwheel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One owner of every exit status and line: no two failures share a status, and the shipped Python says the same. */
class ProtocolTest {

    private static final Path RESOURCES = Paths.get("src/main/resources/io/github/sparkwheel");

    @Test
    void everyFailureHasAStatusOfItsOwn_andEveryProgramAPrefixOfItsOwn() {
        List<Integer> statuses = Arrays.stream(Protocol.Failure.values()).map(Protocol.Failure::status)
                .collect(Collectors.toList());
        assertThat(statuses).doesNotHaveDuplicates().doesNotContain(0, 1, 2, 126, 127).allMatch(s -> s > 0 && s < 126);
        assertThat(Arrays.stream(Protocol.Program.values()).map(Protocol.Program::prefix)).doesNotHaveDuplicates();
    }

    @Test
    void aFailureIsKnownByItsLine_evenBehindALoggersPrefix_andNotByAnotherProgramsLine() {
        List<String> lines = List.of("26/12/04 08:00:01 INFO Client: Uploading resource file:/x.zip",
                "stderr: " + Protocol.Failure.STAGING_UNWRITABLE.line("cannot write to the staging directory hdfs://nn/x"),
                Protocol.Program.STAGER.line("dependencies layer deps.zip: already staged"));
        assertThat(Protocol.Failure.STAGING_UNWRITABLE.message(lines))
                .contains("cannot write to the staging directory hdfs://nn/x");
        assertThat(Protocol.Failure.CLUSTER_UNREACHABLE.message(lines)).isEmpty();
        assertThat(Protocol.Failure.BOOTSTRAP_FAILED.message(lines)).isEmpty();
        assertThat(Protocol.Program.LOGS.value(List.of("pyspark-logs: container c_1", "pyspark-logs: source YARN's"),
                Protocol.LOGS_SOURCE)).contains("YARN's");
    }

    @Test
    void theHelpersAreTheirClasses_eachWithAMain() throws Exception {
        for (Protocol.Program program : Protocol.Program.values()) {
            if (program.mainClass() == null) {
                continue;
            }
            Class<?> helper = Class.forName(program.mainClass()); // here only: the plugin's JVM never loads them
            assertThat(helper.getPackageName()).isEqualTo("io.github.sparkwheel.helpers");
            Method main = helper.getMethod("main", String[].class);
            assertThat(Modifier.isStatic(main.getModifiers())).as(program.mainClass()).isTrue();
        }
    }

    @Test
    void theBootstrapSaysWhatTheProtocolSays() throws IOException {
        Protocol.Failure failed = Protocol.Failure.BOOTSTRAP_FAILED;
        String shell = read("bootstrap/python");
        assertThat(number(shell, "^FAILED=(\\d+)$")).isEqualTo(failed.status());
        List<String> echoes = shell.lines().filter(l -> l.trim().startsWith("echo \"pyspark-wheelhouse"))
                .collect(Collectors.toList());
        assertThat(echoes).isNotEmpty().allMatch(l -> l.contains("echo \"" + failed.start()));
        assertThat(shell.lines().filter(l -> l.trim().startsWith("exit "))).isNotEmpty()
                .allMatch(l -> l.trim().equals("exit $FAILED"));

        String python = read("bootstrap/bootstrap.py");
        assertThat(string(python, "PREFIX")).isEqualTo(Protocol.Program.BOOTSTRAP.prefix());
        assertThat(string(python, "FAILED_TAG")).isEqualTo(failed.start().substring(Protocol.Program.BOOTSTRAP.prefix().length()));
        assertThat(number(python, "^FAILED = (\\d+)$")).isEqualTo(failed.status());
    }

    @Test
    void theVerifyCheckAndTheTestRunnersSayWhatTheProtocolSays() throws IOException {
        String check = read("verify/check_environment.py");
        assertThat(string(check, "PREFIX")).isEqualTo(Protocol.Program.VERIFY.prefix());
        assertThat(number(check, "^MISSING = (\\d+)$")).isEqualTo(Protocol.Failure.DEPENDENCY_MISSING.status());
        assertThat(number(check, "^BROKEN = (\\d+)$")).isEqualTo(Protocol.Failure.ENTRY_POINT_BROKEN.status());
        assertThat(check).contains("PREFIX + \"MISSING ").contains("PREFIX + \"BROKEN ");
        assertThat(Protocol.Failure.DEPENDENCY_MISSING.start()).isEqualTo("pyspark-verify: MISSING ");
        assertThat(Protocol.Failure.ENTRY_POINT_BROKEN.start()).isEqualTo("pyspark-verify: BROKEN ");

        String unittest = read("testing/unittest_junit.py");
        assertThat(string(unittest, "PREFIX")).isEqualTo(Protocol.Program.TESTS.prefix());
        assertThat(number(unittest, "^NO_TESTS = (\\d+)$")).isEqualTo(Protocol.Failure.NO_TESTS.status());
        assertThat(unittest).contains("NO_TESTS_LINE = PREFIX + \"NO TESTS \"")
                .contains("PREFIX + \"" + Protocol.TESTS_START + " \"");
        assertThat(Protocol.Failure.NO_TESTS.start()).isEqualTo("pyspark-test: NO TESTS ");
        String pytest = read("testing/pyspark_test_plugin.py");
        assertThat(string(pytest, "PREFIX")).isEqualTo(Protocol.Program.TESTS.prefix());
        assertThat(pytest).contains("PREFIX + \"" + Protocol.TESTS_START + " \"");
    }

    private static String read(String resource) throws IOException {
        return Files.readString(RESOURCES.resolve(resource), StandardCharsets.UTF_8);
    }

    private static int number(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static String string(String python, String name) {
        Matcher m = Pattern.compile("^" + name + " = \"([^\"]*)\"$", Pattern.MULTILINE).matcher(python);
        assertThat(m.find()).as(name).isTrue();
        return m.group(1);
    }
}
