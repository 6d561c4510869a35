package io.github.sparkwheel.lock;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkwheel.python.Markers;
import io.github.sparkwheel.python.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockCheckTest {

    @TempDir
    Path dir;

    @Test
    void check_aLockThatMeetsEveryRequirement_passes_andOneThatDoesNot_namesEachGap() throws Exception {
        LockFile lock = LockFile.read(Files.writeString(dir.resolve("uv.lock"), "version = 1\n"));
        Markers.Environment env = Markers.of(Target.of("3.11", List.of("manylinux2014_x86_64")));
        LockCheck.Wheel job = new LockCheck.Wheel("lock-job", "1.0", List.of("dep>=0.2,<0.3", "fast[turbo]",
                "winonly ; sys_platform == 'win32'"), "the project lock-job (its pyproject.toml)");
        List<LockCheck.Wheel> locked = List.of(new LockCheck.Wheel("dep", "0.2.1", List.of("helper"), "dep 0.2.1"),
                new LockCheck.Wheel("helper", "1.0", List.of(), "helper 1.0"),
                new LockCheck.Wheel("fast", "2.0", List.of("turbocharge ; extra == 'turbo'"), "fast 2.0"),
                new LockCheck.Wheel("turbocharge", "1.0", List.of(), "turbocharge 1.0"));
        assertThatCode(() -> LockCheck.check(lock, env, List.of(job), locked, List.of())).doesNotThrowAnyException();

        LockCheck.Wheel newer = new LockCheck.Wheel("lock-job", "1.1", List.of("dep>=0.3", "fast[turbo]", "added"),
                "the project lock-job (its pyproject.toml)");
        List<LockCheck.Wheel> withoutTurbo = List.of(locked.get(0), locked.get(1), locked.get(2));
        assertThatThrownBy(() -> LockCheck.check(lock, env, List.of(newer), withoutTurbo, List.of("requests")))
                .hasMessageContaining("The uv lock " + dir.resolve("uv.lock") + " no longer fits the job")
                .hasMessageContaining("the project lock-job (its pyproject.toml) requires dep >=0.3, but the lock pins dep 0.2.1")
                .hasMessageContaining("the project lock-job (its pyproject.toml) requires added, which the lock does not pin")
                .hasMessageContaining("fast 2.0 requires turbocharge, which the lock does not pin")
                .hasMessageContaining("the job's requirements file requires requests, which the lock does not pin")
                .hasMessageContaining("update the lock with the tool that wrote it (uv lock)");
    }
}
