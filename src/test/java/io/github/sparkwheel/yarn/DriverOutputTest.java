package io.github.sparkwheel.yarn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriverOutputTest {

    /** As YARN's aggregated logs and the NodeManager's web service frame a container's logs (Hadoop 3.3). */
    private static String framed(String stdout, String stderr) {
        return "Container: container_1_0001_01_000001 on localhost_38229\n"
                + "LogAggregationType: AGGREGATED\n"
                + "===================================================\n"
                + "LogType:stdout\nLogLastModifiedTime:Tue Nov 24 22:21:25 +0000 2026\nLogLength:" + stdout.length()
                + "\nLogContents:\n" + stdout + "\nEnd of LogType:stdout.\n"
                + "*****************************************************************\n\n"
                + "LogType:stderr\nLogLastModifiedTime:Tue Nov 24 22:21:25 +0000 2026\nLogLength:" + stderr.length()
                + "\nLogContents:\n" + stderr + "\nEnd of LogType:stderr.\n"
                + "*****************************************************************\n";
    }

    @Test
    void excerpt_isThePythonTracebackInStdout_withoutSparksLogLines() {
        String stdout = "be\t2\n"
                + "Traceback (most recent call last):\n"
                + "  File \"runner.py\", line 30, in <module>\n"
                + "26/11/24 22:21:25 INFO SparkContext: Invoking stop() from shutdown hook\n"
                + "    sys.exit(main())\n"
                + "ValueError: no input for 2026-11-23\n";
        DriverOutput output = DriverOutput.parse(framed(stdout, "26/11/24 22:21:20 INFO ApplicationMaster: started\n"));
        assertThat(output.log("stderr")).containsExactly("26/11/24 22:21:20 INFO ApplicationMaster: started");
        assertThat(output.excerpt()).containsExactly("Traceback (most recent call last):",
                "  File \"runner.py\", line 30, in <module>", "    sys.exit(main())", "ValueError: no input for 2026-11-23");
    }

    @Test
    void excerpt_aLongTracebackKeepsItsStartAndItsEnd() {
        List<String> lines = new ArrayList<>(List.of(DriverOutput.TRACEBACK));
        for (int i = 0; i < 200; i++) {
            lines.add("  frame " + i);
        }
        lines.add("py4j.protocol.Py4JJavaError: An error occurred");
        List<String> excerpt = DriverOutput.parse(framed(String.join("\n", lines), "")).excerpt();
        assertThat(excerpt).hasSize(DriverOutput.HEAD + DriverOutput.TAIL + 1).startsWith(DriverOutput.TRACEBACK)
                .endsWith("py4j.protocol.Py4JJavaError: An error occurred")
                .contains("... (" + (lines.size() - DriverOutput.HEAD - DriverOutput.TAIL) + " more lines) ...");
    }

    @Test
    void excerpt_withoutATraceback_isTheLastLinesOfStdout_elseOfStderr() {
        StringBuilder stdout = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            stdout.append("line ").append(i).append('\n');
        }
        assertThat(DriverOutput.parse(framed(stdout.toString(), "x")).excerpt()).hasSize(DriverOutput.LAST)
                .startsWith("line 70").endsWith("line 99");
        assertThat(DriverOutput.parse(framed("", "Exception in thread main\n")).excerpt())
                .containsExactly("Exception in thread main");
        assertThat(DriverOutput.parse("").isEmpty()).isTrue();
    }
}
