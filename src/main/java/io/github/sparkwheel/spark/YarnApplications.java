package io.github.sparkwheel.spark;

import io.github.sparkwheel.process.BuildLog;
import io.github.sparkwheel.process.ProcessException;
import io.github.sparkwheel.process.ProcessResult;
import io.github.sparkwheel.process.ProcessRunner;
import io.github.sparkwheel.process.ProcessSpec;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Kills a YARN application through {@link YarnKill}, in a JVM over the same Spark classpath as the submission. */
final class YarnApplications {

    private YarnApplications() {}

    /** @return what happened, for the log and the error message */
    static String kill(SubmitRequest request, String applicationId, ProcessRunner runner, BuildLog log) {
        String manual = "kill it with: yarn application -kill " + applicationId;
        List<String> classpath = new ArrayList<>();
        classpath.add(request.hadoopConfDir.toString());
        try {
            classpath.add(Paths.get(YarnKill.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        } catch (URISyntaxException | RuntimeException e) {
            return "could not locate the plugin's own jar (" + e.getMessage() + "); " + manual;
        }
        if (request.sparkHome != null) {
            classpath.add(request.sparkHome.resolve("jars").resolve("*").toString());
        } else {
            request.sparkJars.forEach(jar -> classpath.add(jar.toString()));
        }
        String java = request.javaExecutable != null ? request.javaExecutable
                : Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ProcessSpec spec = ProcessSpec.builder(List.of(java, "-cp", String.join(File.pathSeparator, classpath),
                        YarnKill.class.getName(), applicationId))
                .description("yarn application kill").timeout(Duration.ofSeconds(120)).quiet(true).build();
        try {
            ProcessResult result = runner.run(spec, log);
            return result.succeeded() ? "killed YARN application " + applicationId
                    : "killing " + applicationId + " failed (exit code " + result.exitCode() + ": " + result.tailText()
                            + "); " + manual;
        } catch (ProcessException e) {
            return "killing " + applicationId + " failed (" + e.getMessage() + "); " + manual;
        }
    }
}
