package io.github.sparkwheel.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the plugin and the programs it starts outside its own JVM tell each other what happened: the helpers that run
 * on Spark's classpath ({@code io.github.sparkwheel.helpers}) and the Python the plugin ships (the bootstrap, the
 * verify check, the unittest runner). Here is which class each helper is, how each program's lines begin, and every
 * failure's exit status and line.
 *
 * <p>The statuses never collide, yet the plugin recognises a failure by its program's own line, never by a status
 * alone: a client-mode driver runs under SparkSubmit, which exits with whatever status the job's Python exits with,
 * so a job's {@code sys.exit(77)} must not read as the stager's verdict. The shipped Python repeats the constants it
 * uses; {@code ProtocolTest} keeps them equal to these.
 */
public final class Protocol {

    /** What {@link Program#LOGS} reports, {@code pyspark-logs: <key> <value>}: the ApplicationMaster's container. */
    public static final String LOGS_CONTAINER = "container";
    /** … and where its logs were read from. */
    public static final String LOGS_SOURCE = "source";
    /** What the test runners (the pytest plugin, the unittest runner) say when a test starts: {@code pyspark-test: START <test>}. */
    public static final String TESTS_START = "START";
    /** The ApplicationMaster's logs it reads, in this order: a cluster-mode driver's output and its traceback. */
    public static final List<String> LOGS_TYPES = List.of("stdout", "stderr");

    /** The system properties that tell a helper to log in from a keytab: its principal and file. */
    public static final String LOGIN_PRINCIPAL = "pyspark.kerberos.principal";
    public static final String LOGIN_KEYTAB = "pyspark.kerberos.keytab";
    /** … and whom to act for ({@code <proxyUser>}). */
    public static final String LOGIN_PROXY_USER = "pyspark.kerberos.proxyUser";

    private Protocol() {}

    /** A program of the plugin's that runs outside the plugin's JVM, and how its lines begin. */
    public enum Program {
        /** Checks that the ResourceManager and the staging file system answer, before anything is submitted. */
        CLUSTER_CHECK("io.github.sparkwheel.helpers.ClusterCheck", "pyspark-cluster-check: "),
        /** Stages a plan's layers ({@link StagingPlan}) on the cluster's file system. */
        STAGER("io.github.sparkwheel.helpers.LayerStager", "pyspark-staging: "),
        /** Checks, stages, then runs SparkSubmit, in SparkSubmit's own JVM. */
        LAUNCHER("io.github.sparkwheel.helpers.SubmitLauncher", "pyspark-launcher: "),
        /** Reads an application's ApplicationMaster logs. */
        LOGS("io.github.sparkwheel.helpers.YarnLogs", "pyspark-logs: "),
        /** Kills an application. */
        KILL("io.github.sparkwheel.helpers.YarnKill", "pyspark-kill: "),
        /** Any helper's Kerberos login, before it does its job. */
        LOGIN(null, "pyspark-login: "),
        /** The shipped bootstrap ({@code bootstrap/python}, {@code bootstrap.py}), Spark's Python on every node. */
        BOOTSTRAP(null, "pyspark-wheelhouse bootstrap: "),
        /** The verify goal's check of the environment built from a wheelhouse ({@code check_environment.py}). */
        VERIFY(null, "pyspark-verify: "),
        /** The test goal's unittest runner ({@code unittest_junit.py}). */
        TESTS(null, "pyspark-test: ");

        private final String mainClass;
        private final String prefix;

        Program(String mainClass, String prefix) {
            this.mainClass = mainClass;
            this.prefix = prefix;
        }

        /**
         * The helper's main class, by name: the plugin's JVM never loads it (it needs Hadoop); {@code null} for the
         * shipped Python.
         */
        public String mainClass() {
            return mainClass;
        }

        /** How every line of this program's begins. */
        public String prefix() {
            return prefix;
        }

        /** A line of this program's. */
        public String line(String text) {
            return prefix + text;
        }

        /** The value of the first {@code <prefix><key> <value>} line, as a helper reports a fact. */
        public Optional<String> value(List<String> lines, String key) {
            String start = prefix + key + " ";
            for (String line : lines) {
                if (line.startsWith(start)) {
                    return Optional.of(line.substring(start.length()).trim());
                }
            }
            return Optional.empty();
        }
    }

    /** A failure a program reports: its exit status, and the line ({@code <prefix><tag><message>}) that names it. */
    public enum Failure {
        /** The bootstrap cannot give Spark a Python: no base interpreter, a node it cannot run on, a broken wheelhouse. */
        BOOTSTRAP_FAILED(Program.BOOTSTRAP, "FAILED: ", 73),
        /** A distribution of the wheelhouse requires one that is not in it (one line each). */
        DEPENDENCY_MISSING(Program.VERIFY, "MISSING ", 74),
        /** The job's entry point or script cannot start (one line each). */
        ENTRY_POINT_BROKEN(Program.VERIFY, "BROKEN ", 75),
        /** The ResourceManager or the staging file system did not answer in time. */
        CLUSTER_UNREACHABLE(Program.CLUSTER_CHECK, "UNREACHABLE ", 76),
        /** The staging directory cannot be written. */
        STAGING_UNWRITABLE(Program.STAGER, "UNWRITABLE ", 77),
        /** The ApplicationMaster's logs could not be read. */
        LOGS_UNAVAILABLE(Program.LOGS, "UNAVAILABLE ", 78),
        /** A helper could not log in to Kerberos (no ticket, a keytab without the key, a principal mapped to no user). */
        LOGIN_FAILED(Program.LOGIN, "FAILED ", 79),
        /** The cluster answered, but refused who the helper is (a secure cluster addressed as a simple one, a refused proxy user). */
        CLUSTER_REFUSED(Program.CLUSTER_CHECK, "REFUSED ", 80),
        /**
         * No test was collected. The status is pytest's own ({@code ExitCode.NO_TESTS_COLLECTED}); the unittest runner
         * uses it too and says so in its line, pytest in its summary ({@code no tests ran}).
         */
        NO_TESTS(Program.TESTS, "NO TESTS ", 5);

        private final Program program;
        private final String tag;
        private final int status;

        Failure(Program program, String tag, int status) {
            this.program = program;
            this.tag = tag;
            this.status = status;
        }

        public Program program() {
            return program;
        }

        /** The exit status the program ends with after saying so. */
        public int status() {
            return status;
        }

        /** What comes before the message: the program's prefix and this failure's tag. */
        public String start() {
            return program.prefix() + tag;
        }

        /** The line that reports this failure. */
        public String line(String message) {
            return start() + message;
        }

        /**
         * The messages of every line among {@code lines} that reports this failure, in order. A line may carry
         * something before the report (a logger's own prefix), never a report of another program's.
         */
        public List<String> messages(List<String> lines) {
            List<String> messages = new ArrayList<>();
            for (String line : lines) {
                int at = line.indexOf(start());
                if (at >= 0) {
                    messages.add(line.substring(at + start().length()).trim());
                }
            }
            return messages;
        }

        /** The first message of this failure among {@code lines}, if any reports it. */
        public Optional<String> message(List<String> lines) {
            List<String> messages = messages(lines);
            return messages.isEmpty() ? Optional.empty() : Optional.of(messages.get(0));
        }
    }
}
