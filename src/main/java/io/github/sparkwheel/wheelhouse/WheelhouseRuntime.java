package io.github.sparkwheel.wheelhouse;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.sparkwheel.UserError;
import io.github.sparkwheel.runtime.PythonRuntime;
import io.github.sparkwheel.runtime.RuntimeCoordinates;
import java.nio.file.Path;

/**
 * Which Python runtime a built wheelhouse runs on: the one its manifest names (its wheels are built for
 * it), so that a wheelhouse deployed long ago is submitted with the very runtime it was built with, and
 * {@code <pythonRuntime>} may only say the same.
 */
public final class WheelhouseRuntime {

    private WheelhouseRuntime() {}

    /**
     * @param configured {@code <pythonRuntime>}, or {@code null}
     * @return the coordinates of the runtime to run the wheelhouse on, or {@code null} (the nodes' own Python)
     */
    public static String coordinates(JsonObject manifest, String configured, Path wheelhouse) throws UserError {
        JsonElement runtime = manifest.get("runtime");
        String built = runtime == null || runtime.isJsonNull() ? null
                : runtime.getAsJsonObject().get("coordinates").getAsString();
        if (built == null) {
            if (configured != null) {
                throw new UserError(wheelhouse.getFileName() + " was built without a Python runtime, for the nodes' own "
                        + "Python, but <pythonRuntime> is " + configured + ": rebuild it (mvn package) with "
                        + "<pythonRuntime>, or remove <pythonRuntime> (-Dpyspark.pythonRuntime)");
            }
            return null;
        }
        if (configured != null && !RuntimeCoordinates.parse(configured).equals(RuntimeCoordinates.parse(built))) {
            throw new UserError(wheelhouse.getFileName() + " was built with the Python runtime " + built + ", but "
                    + "<pythonRuntime> is " + RuntimeCoordinates.parse(configured) + ": its wheels are built for the "
                    + "first; rebuild it (mvn package) with the second, or set <pythonRuntime> (-Dpyspark.pythonRuntime) "
                    + "to the first");
        }
        return built;
    }

    /** Fails when the runtime resolved now is not the archive the wheelhouse was built with (a changed artifact). */
    public static void check(JsonObject manifest, PythonRuntime resolved, Path wheelhouse) throws UserError {
        String sha256 = manifest.getAsJsonObject("runtime").get("sha256").getAsString();
        if (!sha256.equals(resolved.sha256())) {
            throw new UserError("The Python runtime " + resolved.coordinates() + " resolved now (sha256 "
                    + resolved.sha256() + ") is not the archive " + wheelhouse.getFileName() + " was built with (sha256 "
                    + sha256 + "): the repository's artifact has changed since; rebuild the wheelhouse (mvn package)");
        }
    }
}
