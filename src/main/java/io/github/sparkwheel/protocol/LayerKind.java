package io.github.sparkwheel.protocol;

import java.util.Locale;

/** What a staged layer holds, in the order they are staged. */
public enum LayerKind {
    /** Spark's jars in one STORED zip ({@code spark.yarn.archive}). */
    SPARK_RUNTIME,
    /** A relocatable CPython shipped with the job ({@code <pythonRuntime>}), as a tar.gz, as it is. */
    PYTHON_RUNTIME,
    /** Every wheel of the wheelhouse but the job's own: what the node's virtualenv is built from. */
    DEPENDENCIES,
    /** pyspark.zip or a py4j zip ({@code PYSPARK_ARCHIVES_PATH}), as it is. */
    PYSPARK,
    /** A jar of the module's ({@code --jars}: the Java half of a mixed build, a connector), as it is. */
    JAR,
    /** The job's own code, its runner, manifest and the bootstrap. */
    JOB,
    /**
     * The runner on its own, as the application's primary resource, where no spark-submit of this machine uploads it
     * (a submission through Livy: Spark on the gateway's host reads it from the staging directory).
     */
    RUNNER;

    /** {@code spark-runtime}, {@code dependencies}, … */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Whether a layer of this kind is public content, the same for every user, and may go to the shared directory:
     * Spark's runtime, pyspark's zips and a Python runtime. The job, its dependencies and jars are the company's and
     * stay private.
     */
    public boolean shareable() {
        return this == SPARK_RUNTIME || this == PYSPARK || this == PYTHON_RUNTIME;
    }
}
