package io.github.sparkwheel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Generates a job with local libraries and a C extension, for the benchmarks. */
final class BenchFixture {

    private BenchFixture() {}

    /** A job with local libraries and a C extension: 2 + {@code libraries} wheels. */
    static Path job(Path src, int libraries) throws IOException {
        return job(src, libraries, true);
    }

    /** A job with {@code libraries} pure local libraries, and a C extension if {@code withExtension}. */
    static Path job(Path src, int libraries, boolean withExtension) throws IOException {
        StringBuilder requirements = new StringBuilder();
        StringBuilder dependencies = new StringBuilder();
        for (int i = 0; i < libraries; i++) {
            String name = "benchlib" + i;
            Path lib = src.resolve("libs/" + name);
            write(lib.resolve("pyproject.toml"), pyproject(name, "1." + i, ""));
            for (int m = 0; m < 20; m++) {
                write(lib.resolve(name + "/mod" + m + ".py"), "VALUE = " + m + "\n\ndef f(x):\n    return x * " + m + "\n");
            }
            write(lib.resolve(name + "/__init__.py"), "");
            requirements.append("./libs/").append(name).append('\n');
            dependencies.append('"').append(name).append("\", ");
        }
        if (withExtension) {
            Path ext = src.resolve("libs/benchnative");
            write(ext.resolve("setup.py"), "from setuptools import Extension, setup\n"
                    + "setup(name='benchnative', version='0.1', ext_modules=[Extension('benchnative', ['benchnative.c'])])\n");
            write(ext.resolve("benchnative.c"), "#include <Python.h>\n"
                    + "static struct PyModuleDef m = {PyModuleDef_HEAD_INIT, \"benchnative\", NULL, -1, NULL};\n"
                    + "PyMODINIT_FUNC PyInit_benchnative(void) { return PyModule_Create(&m); }\n");
            requirements.append("./libs/benchnative\n");
            dependencies.append("\"benchnative\", ");
        }
        write(src.resolve("requirements.txt"), requirements.toString());
        write(src.resolve("pyproject.toml"), pyproject("benchjob", "1.0", "dependencies = [" + dependencies
                + "]\n\n[tool.setuptools]\npackages = [\"benchjob\"]\n\n[project.scripts]\nbenchjob = \"benchjob:main\"\n"));
        write(src.resolve("benchjob/__init__.py"), "def main():\n    return 0\n");
        return src;
    }

    private static String pyproject(String name, String version, String more) {
        return "[build-system]\nrequires = [\"setuptools>=40.8\", \"wheel\"]\nbuild-backend = \"setuptools.build_meta\"\n\n"
                + "[project]\nname = \"" + name + "\"\nversion = \"" + version + "\"\n" + more;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
