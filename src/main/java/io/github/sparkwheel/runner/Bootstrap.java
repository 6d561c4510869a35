package io.github.sparkwheel.runner;

import io.github.sparkwheel.Resources;
import io.github.sparkwheel.protocol.Protocol;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The executor bootstrap shipped in every wheelhouse: {@code bootstrap/python}, a shell entry Spark
 * uses as its Python ({@code spark.pyspark.python}), which execs the node's cached virtualenv or
 * hands over to {@code bootstrap/bootstrap.py} to build it from the wheels, offline.
 */
public final class Bootstrap {

    public static final String DIRECTORY = "bootstrap";
    /** The interpreter Spark runs, relative to the archive's root. */
    public static final String INTERPRETER = DIRECTORY + "/python";
    public static final String SCRIPT = DIRECTORY + "/bootstrap.py";
    public static final String ENV_ID = DIRECTORY + "/env-id";
    /** The node's base interpreter (default {@code python3}). */
    public static final String BASE_PYTHON_VARIABLE = "PYSPARK_WHEELHOUSE_PYTHON";
    /** The node's cache directory of virtualenvs. */
    public static final String CACHE_VARIABLE = "PYSPARK_WHEELHOUSE_CACHE";
    /** How every line the bootstrap writes (to stderr) begins. */
    public static final String LOG_PREFIX = Protocol.Program.BOOTSTRAP.prefix();

    private static final byte[] SHELL = Resources.bytes("/io/github/sparkwheel/bootstrap/python");
    private static final byte[] PYTHON = Resources.bytes("/io/github/sparkwheel/bootstrap/bootstrap.py");

    private Bootstrap() {}

    /** Archive entry name → content; the shell entry is the one executable. */
    public static Map<String, byte[]> files(String envId) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(INTERPRETER, SHELL.clone());
        files.put(SCRIPT, PYTHON.clone());
        files.put(ENV_ID, (envId + "\n").getBytes(StandardCharsets.US_ASCII));
        return files;
    }

    /** What the manifest says about the bootstrap. */
    public static Map<String, Object> describe(String envId) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("interpreter", INTERPRETER);
        description.put("envId", envId);
        description.put("basePythonVariable", BASE_PYTHON_VARIABLE);
        description.put("cacheVariable", CACHE_VARIABLE);
        return description;
    }
}
