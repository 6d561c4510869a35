package io.github.sparkwheel.wheelhouse;

import io.github.sparkwheel.python.PipOptions;
import io.github.sparkwheel.runtime.PythonRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Everything a wheelhouse build reads: plain values, filled by the Mojo or a test. */
public final class WheelhouseRequest {

    /** The job's Python sources ({@code src/main/python}). */
    public Path sourceDirectory;
    /** {@code null}: {@code requirements.txt} in the source directory when it exists. */
    public Path requirementsFile;
    /** {@code null}: the only {@code *.py} at the top of the source directory (script jobs). */
    public Path script;
    /** {@code null}: detected from the project's console_scripts. */
    public String entryPoint;
    /**
     * A library's wheelhouse, for its tests (the test goal): a project without one console script gets a runner that
     * says it has no entry point, instead of failing the build.
     */
    public boolean entryPointOptional;
    /**
     * The lock to build from ({@code <lockFile>}); {@code null}: pylock.toml, uv.lock or poetry.lock beside the sources,
     * else the requirements file when it is hashed.
     */
    public Path lockFile;
    /** Build from the ranges even when a lock is there ({@code pyspark:lock} resolves afresh). */
    public boolean ignoreLock;
    /** Wheels and sdists added as they are (sdists are built into wheels). */
    public final List<Path> extraDistributions = new ArrayList<>();
    /**
     * The wheels of Python library modules this job depends on (Maven artifacts of type {@code whl}, under
     * whatever name): pip takes these very files, whatever an index holds.
     */
    public final List<Path> libraryWheels = new ArrayList<>();
    /** The zip to write. */
    public Path outputFile;
    /** Where to write the wheelhouse's CycloneDX bill of materials; {@code null}: none. */
    public Path sbomFile;
    /**
     * Where to write a copy of the runner beside the zip, attached to the build so that a gateway's Spark can fetch the
     * application's primary resource from a Maven repository; {@code null}: none.
     */
    public Path runnerFile;
    /** The Maven artifact the bill of materials describes (with {@link #sbomFile}). */
    public WheelhouseSbom.Subject sbomSubject;
    /** Scratch space for the copy, the wheels and the up-to-date state. */
    public Path workDirectory;
    public String python = "python3";
    /**
     * The Python runtime the wheels are built with and for ({@code <pythonRuntime>}): {@link #python} is then its
     * interpreter, and the manifest names it so that the nodes get the same one. {@code null}: none.
     */
    public PythonRuntime runtime;
    public PipOptions pip = new PipOptions();
    public Duration timeout;
    public Instant outputTimestamp;
    public boolean force;
    public String pluginVersion = "unknown";
    /**
     * The platform tags of the machines the wheelhouse is for ({@code manylinux2014_x86_64}); empty: this one.
     * The dependencies are then fetched as binary wheels for them; the job's own wheels must be pure.
     */
    public final List<String> targetPlatforms = new ArrayList<>();
    /** Their Python ({@code 3.10}); {@code null}: the building interpreter's version. */
    public String targetPython;
}
