package io.github.sparkwheel.wheelhouse;

import io.github.sparkwheel.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * What kind of Python job a source directory holds: a package (pyproject.toml or setup.py), or a
 * plain script with a requirements.txt, whose script becomes the runner.
 */
public final class ProjectSource {

    public enum Kind {
        PACKAGE,
        SCRIPT
    }

    static final String SOURCE_HINT = "perhaps you should set <sourceDirectory> or -Dpyspark.sourceDirectory";

    private final Path directory;
    private final Kind kind;
    private final Path requirements;
    private final Path script;
    private final String projectName;

    private ProjectSource(Path directory, Kind kind, Path requirements, Path script, String projectName) {
        this.directory = directory;
        this.kind = kind;
        this.requirements = requirements;
        this.script = script;
        this.projectName = projectName;
    }

    /**
     * @param requirements a requirements file; {@code null} means {@code requirements.txt} in the
     *     source directory when it exists
     * @param script the script of a script job; {@code null} means the only {@code *.py} file at the
     *     top of the source directory
     */
    public static ProjectSource detect(Path directory, Path requirements, Path script) throws UserError, IOException {
        if (!Files.isDirectory(directory)) {
            throw new UserError("No Python project found: the source directory " + directory + " does not exist, "
                    + SOURCE_HINT);
        }
        Path reqs = requirements;
        if (reqs == null && Files.isRegularFile(directory.resolve("requirements.txt"))) {
            reqs = directory.resolve("requirements.txt");
        } else if (reqs != null && !Files.isRegularFile(reqs)) {
            throw new UserError("Requirements file " + reqs + " does not exist, perhaps you should fix <requirementsFile>"
                    + " or -Dpyspark.requirementsFile");
        }
        TomlParseResult pyproject = pyproject(directory);
        SetupCfg.check(directory.resolve("setup.cfg"));
        boolean buildable = Files.isRegularFile(directory.resolve("setup.py"))
                || (pyproject != null && declaresProject(pyproject));
        if (buildable) {
            return new ProjectSource(directory, Kind.PACKAGE, reqs, null, readProjectName(directory, pyproject).orElse(null));
        }
        if (reqs == null && script == null) {
            throw new UserError("No Python project found in " + directory
                    + " (no pyproject.toml, setup.py or requirements.txt), " + SOURCE_HINT);
        }
        return new ProjectSource(directory, Kind.SCRIPT, reqs, findScript(directory, script), null);
    }

    private static Path findScript(Path directory, Path script) throws UserError, IOException {
        if (script != null) {
            Path resolved = directory.resolve(script.toString());
            if (!Files.isRegularFile(resolved)) {
                throw new UserError("Script " + resolved + " does not exist, perhaps you should fix <script> or "
                        + "-Dpyspark.script");
            }
            return resolved;
        }
        List<Path> candidates = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(p -> p.getFileName().toString().endsWith(".py") && Files.isRegularFile(p))
                    .sorted()
                    .forEach(candidates::add);
        }
        if (candidates.size() != 1) {
            throw new UserError("A script job needs one script, but " + directory + " holds "
                    + (candidates.isEmpty() ? "no *.py file" : candidates.size() + " *.py files " + names(candidates))
                    + ", perhaps you should set <script> or -Dpyspark.script");
        }
        return candidates.get(0);
    }

    private static List<String> names(List<Path> paths) {
        List<String> names = new ArrayList<>();
        paths.forEach(p -> names.add(p.getFileName().toString()));
        return names;
    }

    /**
     * {@code <directory>/pyproject.toml} as TOML, or {@code null} when there is none; one that is not TOML fails
     * with the file, line and column, and what the parser expected there, as pip would fail on it later.
     */
    static TomlParseResult pyproject(Path directory) throws UserError, IOException {
        Path file = directory.resolve("pyproject.toml");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        TomlParseResult toml = Toml.parse(file);
        if (toml.hasErrors()) {
            TomlParseError first = toml.errors().get(0);
            throw new UserError(file + " is not valid TOML: line " + first.position().line() + ", column "
                    + first.position().column() + ": " + first.getMessage().replaceAll("\\s*\\(line \\d+, column \\d+\\)$", "")
                    + (toml.errors().size() > 1 ? " (and " + (toml.errors().size() - 1) + " more errors)" : "")
                    + ". pip reads this file to build the job: fix it (see https://toml.io)");
        }
        return toml;
    }

    static boolean declaresProject(TomlParseResult pyproject) {
        return pyproject.isTable("project") || pyproject.isTable("build-system") || pyproject.isTable("tool.poetry");
    }

    /**
     * Where a console script is declared, for messages about the entry point it names: the file (relative to the
     * source directory, so that the manifest stays the same on every machine) and table that hold it.
     */
    public String whereDeclared(String consoleScript) throws IOException {
        try {
            TomlParseResult toml = pyproject(directory);
            if (toml != null) {
                for (String table : List.of("project.scripts", "tool.poetry.scripts")) {
                    TomlTable scripts = toml.getTable(table);
                    if (scripts != null && scripts.contains(List.of(consoleScript))) {
                        return "the console script " + consoleScript + " in [" + table + "] of pyproject.toml";
                    }
                }
            }
        } catch (UserError unreadable) {
            // detect() has read it already
        }
        for (String file : List.of("setup.cfg", "setup.py")) {
            Path path = directory.resolve(file);
            if (Files.isRegularFile(path) && read(path).contains(consoleScript)) {
                return "the console script " + consoleScript + " of " + file;
            }
        }
        return "the console script " + consoleScript + " of the project";
    }

    /**
     * The distribution name, read statically: pyproject's {@code [project]} or {@code [tool.poetry]}
     * name, setup.cfg's {@code [metadata]} name, or a literal {@code name=} in setup.py.
     *
     * @param pyproject the directory's pyproject.toml as parsed, {@code null} when there is none
     */
    private static Optional<String> readProjectName(Path directory, TomlParseResult pyproject) throws IOException {
        if (pyproject != null) {
            for (String key : List.of("project.name", "tool.poetry.name")) {
                if (pyproject.isString(key)) {
                    return Optional.of(pyproject.getString(key));
                }
            }
        }
        Path setupCfg = directory.resolve("setup.cfg");
        if (Files.isRegularFile(setupCfg)) {
            Optional<String> name = keyInTable(read(setupCfg), "metadata", "name");
            if (name.isPresent()) {
                return name;
            }
        }
        Path setupPy = directory.resolve("setup.py");
        if (Files.isRegularFile(setupPy)) {
            Matcher m = Pattern.compile("\\bname\\s*=\\s*[\"']([A-Za-z0-9][A-Za-z0-9._-]*)[\"']").matcher(read(setupPy));
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> keyInTable(String text, String table, String key) {
        boolean inTable = false;
        Pattern header = Pattern.compile("^\\s*\\[\\s*([^\\]]+?)\\s*\\]\\s*(#.*)?$");
        Pattern entry = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*[=:]\\s*[\"']?([^\"'#\\s]+)[\"']?\\s*(#.*)?$");
        for (String line : text.split("\\R")) {
            Matcher h = header.matcher(line);
            if (h.matches()) {
                inTable = h.group(1).equals(table);
            } else if (inTable) {
                Matcher e = entry.matcher(line);
                if (e.matches()) {
                    return Optional.of(e.group(1));
                }
            }
        }
        return Optional.empty();
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    public Path directory() {
        return directory;
    }

    public Kind kind() {
        return kind;
    }

    /** The requirements file to install, if any. */
    public Optional<Path> requirements() {
        return Optional.ofNullable(requirements);
    }

    /** The script of a script job. */
    public Optional<Path> script() {
        return Optional.ofNullable(script);
    }

    /** The package's distribution name, when it can be read without running a build. */
    public Optional<String> projectName() {
        return Optional.ofNullable(projectName);
    }
}
