package io.github.sparkwheel.submit;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.livy.LivySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** A submission through Apache Livy's batch API ({@code <livyUrl>}): where Livy is, and how the files get there. */
public final class LivyRequest {

    /**
     * How the files reach the cluster: Livy has no upload endpoint, so Spark on the Livy host must find them where the
     * batch names them.
     */
    public enum Delivery {
        /** Staged as layers on the cluster's file system, as the direct submission does, from this machine. */
        STAGING,
        /** From the Maven repository the wheelhouse (and its runner) was deployed to: Spark fetches them over HTTP(S). */
        REPOSITORY,
        /** Copied into a directory Livy accepts local files from ({@code livy.file.local-dir-whitelist}): the build runs there. */
        LOCAL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The delivery asked for ({@code <livyDelivery>}: staging, repository, local; blank: chosen): a local directory
         * chooses local, a Hadoop configuration or a staging directory with a scheme chooses staging, else the repository.
         */
        public static Delivery choose(String configured, Path localDirectory, Path hadoopConfDir, String stagingDirectory)
                throws UserError {
            if (configured != null && !configured.isBlank()) {
                for (Delivery delivery : values()) {
                    if (delivery.label().equals(configured.trim().toLowerCase(Locale.ROOT))) {
                        return delivery;
                    }
                }
                throw new UserError("Unknown <livyDelivery> '" + configured.trim() + "': use staging, repository or local "
                        + "(-Dpyspark.livyDelivery), or leave it out to have it chosen");
            }
            if (localDirectory != null) {
                return LOCAL;
            }
            if (hadoopConfDir != null || (stagingDirectory != null && stagingDirectory.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*"))) {
                return STAGING;
            }
            return REPOSITORY;
        }
    }

    public LivySettings settings = new LivySettings();
    public Delivery delivery = Delivery.STAGING;
    /** {@link Delivery#LOCAL}: the directory on the Livy host (this machine) that Livy takes files from. */
    public Path localDirectory;
    /** {@link Delivery#REPOSITORY}: the repository's URL, where Spark on the Livy host fetches from. */
    public String repositoryUrl;
    /** {@link Delivery#REPOSITORY}: the project's coordinates and the wheelhouse's classifier, as deployed. */
    public String groupId;
    public String artifactId;
    public String version;
    public String classifier = "wheelhouse";

    /** The runner's classifier beside a wheelhouse of {@code classifier}: {@code runner}, or {@code <classifier>-runner}. */
    public static String runnerClassifier(String classifier) {
        return "wheelhouse".equals(classifier) ? "runner" : classifier + "-runner";
    }

    /**
     * The classifier of the Python runtime's node layer beside a wheelhouse of {@code classifier} that was built with
     * one: {@code python-runtime}, or {@code <classifier>-python-runtime} (type {@code tar.gz}).
     */
    public static String runtimeClassifier(String classifier) {
        return "wheelhouse".equals(classifier) ? "python-runtime" : classifier + "-python-runtime";
    }
    /**
     * Whether YARN itself answers this machine (the user's Hadoop configuration), so that a failed driver's output can
     * be read from its logs; else Livy's log is all there is.
     */
    public boolean yarnLogs;
    /** How often the batch's state is asked for. */
    public Duration pollInterval = Duration.ofSeconds(1);
}
