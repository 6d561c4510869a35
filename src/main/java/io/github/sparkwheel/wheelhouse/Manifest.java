package io.github.sparkwheel.wheelhouse;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.sparkwheel.UserError;
import io.github.sparkwheel.lock.LockFile;
import io.github.sparkwheel.python.PythonInfo;
import io.github.sparkwheel.python.Target;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The archive's {@code wheelhouse.json}: what the wheels were built for, how to run the job and a
 * digest of everything else in the archive. Its bytes depend only on its content.
 */
public final class Manifest {

    public static final String FILE_NAME = "wheelhouse.json";
    public static final int FORMAT_VERSION = 1;
    public static final String WHEEL_DIRECTORY = "wheels";

    private final Map<String, Object> content = new LinkedHashMap<>();

    /**
     * @param target the other machine the wheelhouse was built for, or {@code null} (this one)
     * @param runtime the Python runtime it was built with ({@code PythonRuntime#manifestEntry}), or {@code null}
     */
    public Manifest(String pluginVersion, PythonInfo python, Target target, Map<String, Object> runtime,
            String projectName, String entryPoint, String entryPointDeclaredIn, String script, Lock lock,
            Map<String, Object> bootstrap, String digest) {
        this(pluginVersion, python, target, runtime, projectName, entryPoint, entryPointDeclaredIn, script, lock, null,
                bootstrap, digest);
    }

    /** @param lockedFrom the lock the wheels were built from, or {@code null} (resolved from the ranges) */
    public Manifest(String pluginVersion, PythonInfo python, Target target, Map<String, Object> runtime,
            String projectName, String entryPoint, String entryPointDeclaredIn, String script, Lock lock,
            LockFile.Reference lockedFrom, Map<String, Object> bootstrap, String digest) {
        content.put("formatVersion", FORMAT_VERSION);
        content.put("generator", "pyspark-maven-plugin " + pluginVersion);
        Map<String, Object> py = new LinkedHashMap<>();
        py.put("implementation", python.implementation);
        py.put("version", python.version);
        py.put("majorMinor", python.majorMinor());
        py.put("tag", python.tag);
        py.put("platform", python.platform);
        content.put("python", py);
        if (target != null) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("python", target.python());
            t.put("implementation", "cp");
            t.put("abi", target.abi());
            t.put("platforms", target.platforms());
            content.put("target", t);
        }
        if (runtime != null) {
            content.put("runtime", runtime);
        }
        content.put("project", projectName);
        content.put("entryPoint", entryPoint);
        if (entryPointDeclaredIn != null) {
            content.put("entryPointDeclaredIn", entryPointDeclaredIn);
        }
        content.put("script", script);
        content.put("runner", io.github.sparkwheel.runner.RunnerScript.FILE_NAME);
        content.put("lock", Lock.FILE_NAME);
        if (lockedFrom != null) {
            Map<String, Object> from = new LinkedHashMap<>();
            from.put("file", lockedFrom.file);
            from.put("format", lockedFrom.format);
            from.put("sha256", lockedFrom.sha256);
            content.put("lockedFrom", from);
        }
        content.put("wheelDirectory", WHEEL_DIRECTORY);
        List<Map<String, Object>> wheels = new ArrayList<>();
        for (WheelFile wheel : lock.wheels()) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("name", wheel.name());
            w.put("version", wheel.version());
            w.put("file", WHEEL_DIRECTORY + "/" + wheel.fileName());
            w.put("tags", wheel.tags());
            w.put("sha256", wheel.sha256());
            wheels.add(w);
        }
        content.put("wheels", wheels);
        content.put("bootstrap", bootstrap);
        content.put("digest", digest);
    }

    /** The manifest of a wheelhouse zip, as JSON. */
    public static JsonObject read(Path wheelhouse) throws IOException, UserError {
        // the JDK's reader, loaded already (Maven reads jars with it): commons-compress's first use costs ~30 ms more
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(wheelhouse.toFile())) {
            var entry = zip.getEntry(FILE_NAME);
            if (entry == null) {
                throw new UserError(wheelhouse + " has no " + FILE_NAME + "; is it a wheelhouse built by this plugin?");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
            }
        } catch (JsonParseException | IllegalStateException e) {
            throw new UserError(wheelhouse + " has an unreadable " + FILE_NAME + " (" + e.getMessage() + "); is it a "
                    + "wheelhouse built by this plugin?", e);
        }
    }

    /** {@code 3.11}: the Python a manifest's wheels were built for (the target's, for another machine's). */
    public static String pythonMajorMinor(JsonObject manifest) {
        return manifest.getAsJsonObject("python").get("majorMinor").getAsString();
    }

    public int wheelCount() {
        return ((List<?>) content.get("wheels")).size();
    }

    public String digest() {
        return (String) content.get("digest");
    }

    public byte[] toJson() {
        Gson gson = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();
        return (gson.toJson(content) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
