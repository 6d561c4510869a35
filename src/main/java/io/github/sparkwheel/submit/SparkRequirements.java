package io.github.sparkwheel.submit;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.spark.SparkHome;
import io.github.sparkwheel.spark.SparkVersion;
import io.github.sparkwheel.wheelhouse.Manifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a Spark version asks of a submission, checked before anything is resolved, staged or submitted:
 * the wheelhouse's Python must be one its PySpark runs on (Spark 4: 3.9+), and the Java that would run
 * SparkSubmit here must be one it runs on (Spark 4: 17+).
 */
public final class SparkRequirements {

    private SparkRequirements() {}

    /**
     * @param sparkHome the Spark installation that submits, or {@code null} for {@code sparkVersion} from Maven
     * @return the Spark version checked against, empty when a Spark home does not say its version
     */
    public static Optional<SparkVersion> check(Path wheelhouse, Path sparkHome, String sparkVersion)
            throws UserError, IOException {
        Optional<String> version = sparkHome != null ? SparkHome.version(sparkHome) : Optional.of(sparkVersion);
        if (version.isEmpty()) {
            return Optional.empty();
        }
        SparkVersion spark = SparkVersion.of(version.get());
        spark.checkPython(Manifest.pythonMajorMinor(Manifest.read(wheelhouse)), wheelhouse.getFileName().toString());
        if (sparkHome == null) {
            spark.checkJava(System.getProperty("java.specification.version"), System.getProperty("java.home"));
        }
        return Optional.of(spark);
    }
}
