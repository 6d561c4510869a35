package io.github.sparkwheel.wheelhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.sparkwheel.UserError;
import io.github.sparkwheel.runtime.FakeRuntimes;
import io.github.sparkwheel.runtime.PythonRuntime;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WheelhouseRuntimeTest {

    private static final Path ZIP = Paths.get("job-1.0-wheelhouse.zip");
    private static final String BUILT = "org.bytedeco:cpython:3.10.8-1.5.8:jar:linux-x86_64";

    private static JsonObject manifest(String coordinates, String sha256) {
        return JsonParser.parseString(coordinates == null ? "{}" : "{\"runtime\": {\"coordinates\": \"" + coordinates
                + "\", \"sha256\": \"" + sha256 + "\"}}").getAsJsonObject();
    }

    @Test
    void coordinates_areTheManifests_whichPythonRuntimeMayOnlyRepeat() throws Exception {
        assertThat(WheelhouseRuntime.coordinates(manifest(BUILT, "x"), null, ZIP)).isEqualTo(BUILT);
        assertThat(WheelhouseRuntime.coordinates(manifest(BUILT, "x"), "org.bytedeco:cpython:3.10.8-1.5.8:jar:linux-x86_64", ZIP))
                .isEqualTo(BUILT);
        assertThat(WheelhouseRuntime.coordinates(manifest(null, null), null, ZIP)).isNull();
        assertThatThrownBy(() -> WheelhouseRuntime.coordinates(manifest(BUILT, "x"),
                "org.bytedeco:cpython:3.12.1-1.5.10:jar:linux-x86_64", ZIP)).isInstanceOf(UserError.class)
                .hasMessageStartingWith("job-1.0-wheelhouse.zip was built with the Python runtime " + BUILT + ", but "
                        + "<pythonRuntime> is org.bytedeco:cpython:3.12.1-1.5.10:jar:linux-x86_64");
        assertThatThrownBy(() -> WheelhouseRuntime.coordinates(manifest(null, null), BUILT, ZIP))
                .isInstanceOf(UserError.class).hasMessageStartingWith("job-1.0-wheelhouse.zip was built without a Python "
                        + "runtime, for the nodes' own Python, but <pythonRuntime> is " + BUILT);
    }

    @Test
    void check_refusesAnotherArchiveUnderTheSameCoordinates(@TempDir Path dir) throws Exception {
        PythonRuntime resolved = FakeRuntimes.forNodes(dir).unpacked();
        WheelhouseRuntime.check(manifest(resolved.coordinates().toString(), resolved.sha256()), resolved, ZIP);
        assertThatThrownBy(() -> WheelhouseRuntime.check(manifest(resolved.coordinates().toString(), "0".repeat(64)),
                resolved, ZIP)).isInstanceOf(UserError.class)
                .hasMessageContaining("is not the archive job-1.0-wheelhouse.zip was built with (sha256 " + "0".repeat(64)
                        + "): the repository's artifact has changed since; rebuild the wheelhouse (mvn package)");
    }
}
