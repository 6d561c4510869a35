package io.github.sparkwheel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileErrorsTest {

    @TempDir
    Path dir;

    @Test
    void aFileWhereTheBuildDirectoryMustBe_isNamedWithTheFix() throws Exception {
        Path target = Files.writeString(dir.resolve("target"), "not a directory");
        Path wanted = target.resolve("pyspark-wheelhouse/src");
        FileSystemException e = org.junit.jupiter.api.Assertions.assertThrows(FileSystemException.class,
                () -> Files.createDirectories(wanted));
        assertThat(FileErrors.explain(e, target)).hasMessageStartingWith("Cannot write " + e.getFile() + ": " + target
                + " is a file, not a directory").hasMessageContaining("Check that " + target + " is a directory you may "
                        + "write (ls -ld " + target + "), or remove it (mvn clean) and build again");
    }
}
