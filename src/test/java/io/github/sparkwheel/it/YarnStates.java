package io.github.sparkwheel.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Properties;
import java.util.Set;

/**
 * What the ITs' ResourceManager says of an application: MiniYarnLauncher writes every application's state into
 * {@code <yarnDir>/applications.properties} as it changes.
 */
public final class YarnStates {

    private static final Set<String> ENDED = Set.of("FINISHED", "FAILED", "KILLED");

    private YarnStates() {}

    /**
     * The application's state once it has ended (FINISHED, FAILED or KILLED), or after {@code seconds} whatever it is
     * then ({@code null}: YARN never had it).
     */
    public static String ended(File yarnDir, String app, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        String state = null;
        while (System.nanoTime() < deadline) {
            Properties states = new Properties();
            try (InputStream in = Files.newInputStream(new File(yarnDir, "applications.properties").toPath())) {
                states.load(in);
            }
            state = states.getProperty(app);
            if (ENDED.contains(state)) {
                break;
            }
            Thread.sleep(500);
        }
        return state;
    }
}
