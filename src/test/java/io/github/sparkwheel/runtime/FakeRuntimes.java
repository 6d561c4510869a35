package io.github.sparkwheel.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Archives shaped like a Python runtime that runs nowhere: for tests of what is done with one, not of running it. */
public final class FakeRuntimes {

    private FakeRuntimes() {}

    /** A jar laid out like org.bytedeco:cpython's, with a 64-bit ELF header for bin/python3 and many small files. */
    public static Path jar(Path jar, int files) throws IOException {
        Files.createDirectories(jar.toAbsolutePath().getParent());
        byte[] elf = new byte[64];
        elf[0] = 0x7f;
        elf[1] = 'E';
        elf[2] = 'L';
        elf[3] = 'F';
        elf[4] = 2;
        elf[5] = 1;
        elf[18] = 62; // x86_64
        String prefix = "org/bytedeco/cpython/linux-x86_64/";
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry(prefix + "bin/python3"));
            zip.write(elf);
            zip.putNextEntry(new ZipEntry(prefix + "lib/python3.11/os.py"));
            for (int i = 0; i < files; i++) {
                zip.putNextEntry(new ZipEntry(prefix + "lib/python3.11/mod" + i + ".py"));
                zip.write(new byte[20_000]);
            }
        }
        return jar;
    }


    /** A small such jar ({@code org.example:fake-python:1.0:jar:linux-x86_64}, "CPython 3.11"), installed in {@code dir}. */
    public static PythonRuntime install(Path dir) throws Exception {
        return new RuntimeCache(dir.resolve("runtimes")).install(RuntimeCoordinates.parse(
                "org.example:fake-python:1.0:jar:linux-x86_64"), jar(dir.resolve("fake-python.jar"), 3));
    }

    /** That jar, unpacked in {@code dir} as the nodes get it. */
    public static NodeRuntime forNodes(Path dir) throws Exception {
        return new RuntimeCache(dir.resolve("runtimes")).forNodes(install(dir), dir.resolve("fake-python.jar"));
    }
}
