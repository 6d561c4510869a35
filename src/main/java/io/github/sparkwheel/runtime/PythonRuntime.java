package io.github.sparkwheel.runtime;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.python.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A relocatable CPython unpacked on this machine ({@code <pythonRuntime>}): where it is, what it is (its
 * archive's coordinates and sha256, its Python version) and what it asks of a node (glibc, machine). Its
 * root holds the same facts in {@link #MARKER}, which the executor bootstrap reads on the nodes.
 */
public final class PythonRuntime {

    /** The file at a runtime's root that says what it is: {@code key=value} lines. */
    public static final String MARKER = "pyspark-runtime";

    private final RuntimeCoordinates coordinates;
    private final String sha256;
    private final Path home;
    private final String majorMinor;
    private final String glibc;
    private final String machine;

    PythonRuntime(RuntimeCoordinates coordinates, String sha256, Path home, String majorMinor, String glibc,
            String machine) {
        this.coordinates = coordinates;
        this.sha256 = sha256;
        this.home = home;
        this.majorMinor = majorMinor;
        this.glibc = glibc;
        this.machine = machine;
    }

    public RuntimeCoordinates coordinates() {
        return coordinates;
    }

    /** The sha256 of the archive it came from. */
    public String sha256() {
        return sha256;
    }

    /** A short id of the archive: the first 16 hex digits of its sha256 (the nodes' cache key). */
    public String id() {
        return sha256.substring(0, 16);
    }

    /** Its root, the {@code sys.base_prefix} of its interpreter. */
    public Path home() {
        return home;
    }

    /** {@code <home>/bin/python3} */
    public Path python() {
        return home.resolve("bin").resolve("python3");
    }

    /** {@code 3.12} */
    public String majorMinor() {
        return majorMinor;
    }

    /** {@code 2.30}: the oldest glibc it runs on; {@code null} when its binaries name none. */
    public String glibc() {
        return glibc;
    }

    /** {@code x86_64}, as {@code uname -m} says it. */
    public String machine() {
        return machine;
    }

    /** {@code org.bytedeco:cpython:3.12.1-1.5.10:jar:linux-x86_64 (CPython 3.12, glibc 2.30+, x86_64)} */
    public String describe() {
        return coordinates + " (CPython " + majorMinor + (glibc == null ? "" : ", glibc " + glibc + "+") + ", " + machine + ")";
    }

    /**
     * Fails when a build for other nodes ({@code <targetPython>}, {@code <targetPlatforms>}) asks for what this
     * runtime is not: the wheels are built for the Python the nodes run, and that is this runtime.
     */
    public void checkTarget(String targetPython, List<String> targetPlatforms) throws UserError {
        if (targetPython != null && !targetPython.trim().equals(majorMinor)) {
            throw new UserError("<targetPython> " + targetPython.trim() + " is not the Python of <pythonRuntime> "
                    + describe() + ", which the nodes will run: remove <targetPython> (-Dpyspark.targetPython), the "
                    + "runtime's version is the target, or choose a runtime of Python " + targetPython.trim());
        }
        for (String platform : targetPlatforms) {
            String tag = platform.trim().replace('-', '_').replace('.', '_');
            String arch = Target.linuxArch(tag);
            if (arch == null || !arch.equals(machine)) {
                throw new UserError("<targetPlatforms> " + platform.trim() + " is not a Linux platform of the machine "
                        + "the Python runtime " + describe() + " is built for: perhaps you should fix <targetPlatforms> "
                        + "(-Dpyspark.targetPlatforms), e.g. manylinux2014_" + machine + ", or choose a runtime built for "
                        + (arch == null ? "it" : arch));
            }
            int[] nodes = Target.glibc(tag);
            int[] needs = glibc == null ? null : new int[] {Integer.parseInt(glibc.split("\\.")[0]),
                Integer.parseInt(glibc.split("\\.")[1])};
            if (nodes != null && needs != null && Elf.compare(nodes, needs) < 0) {
                throw new UserError("<targetPlatforms> " + platform.trim() + " stands for nodes with glibc "
                        + Elf.format(nodes) + ", but the Python runtime " + describe() + " needs glibc " + glibc + ": "
                        + "choose a runtime built for older systems (org.bytedeco:cpython:3.11.3-1.5.9:jar:linux-x86_64 "
                        + "or 3.10.8-1.5.8 need glibc 2.17) with <pythonRuntime> (-Dpyspark.pythonRuntime), or, if the "
                        + "nodes are newer, say so: manylinux_" + glibc.replace('.', '_') + "_" + machine);
            }
        }
    }

    /** What the wheelhouse manifest records, so that a later submission ships the same runtime. */
    public Map<String, Object> manifestEntry() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("coordinates", coordinates.toString());
        entry.put("sha256", sha256);
        entry.put("python", majorMinor);
        entry.put("glibc", glibc);
        entry.put("machine", machine);
        return entry;
    }

    /** The marker's text. */
    String marker() {
        // the id first: bootstrap/python's warm path reads that line alone
        return "id=" + id() + "\ncoordinates=" + coordinates + "\nsha256=" + sha256 + "\npython=" + majorMinor
                + "\nglibc=" + (glibc == null ? "" : glibc) + "\nmachine=" + machine + "\n";
    }

    /** The same runtime at another root (its copy for the nodes). */
    PythonRuntime at(Path root) {
        return new PythonRuntime(coordinates, sha256, root, majorMinor, glibc, machine);
    }

    /** Reads a runtime's marker back. */
    static PythonRuntime read(Path home) throws IOException {
        Map<String, String> facts = new LinkedHashMap<>();
        for (String line : Files.readAllLines(home.resolve(MARKER), StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                facts.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        try {
            return new PythonRuntime(RuntimeCoordinates.parse(facts.get("coordinates")), facts.get("sha256"), home,
                    facts.get("python"), facts.get("glibc") == null || facts.get("glibc").isEmpty() ? null
                            : facts.get("glibc"), facts.get("machine"));
        } catch (UserError e) {
            throw new IOException(home.resolve(MARKER) + " is corrupt: " + e.getMessage(), e);
        }
    }
}
