package io.github.sparkwheel.wheelhouse;

import io.github.sparkwheel.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * What a module's Python tests need beyond the job's own environment, where the Python world declares it: the
 * {@code test} extra of pyproject.toml ({@code [project.optional-dependencies]}), its {@code test} dependency
 * group (PEP 735 {@code [dependency-groups]}, with {@code include-group}), or a {@code requirements-test.txt}
 * beside the tests or the sources; the first of these that exists wins.
 */
public final class TestRequirements {

    public static final String GROUP = "test";
    public static final String FILE_NAME = "requirements-test.txt";

    private final List<String> requirements;
    private final Path file;
    private final String declaredIn;

    private TestRequirements(List<String> requirements, Path file, String declaredIn) {
        this.requirements = requirements;
        this.file = file;
        this.declaredIn = declaredIn;
    }

    /** The test requirements of a module, if it declares any. */
    public static Optional<TestRequirements> find(Path sourceDirectory, Path testDirectory) throws UserError, IOException {
        TomlParseResult pyproject = Files.isDirectory(sourceDirectory) ? ProjectSource.pyproject(sourceDirectory) : null;
        if (pyproject != null) {
            TomlArray extra = pyproject.getArray(List.of("project", "optional-dependencies", GROUP));
            if (extra != null) {
                return Optional.of(new TestRequirements(strings(extra, "[project.optional-dependencies] " + GROUP),
                        null, "the " + GROUP + " extra of " + sourceDirectory.resolve("pyproject.toml")));
            }
            TomlTable groups = pyproject.getTable("dependency-groups");
            if (groups != null && groups.isArray(List.of(GROUP))) {
                List<String> resolved = new ArrayList<>();
                group(groups, GROUP, new LinkedHashSet<>(), resolved);
                return Optional.of(new TestRequirements(resolved, null, "the " + GROUP + " dependency group of "
                        + sourceDirectory.resolve("pyproject.toml")));
            }
        }
        for (Path dir : List.of(testDirectory, sourceDirectory)) {
            Path file = dir.resolve(FILE_NAME);
            if (Files.isRegularFile(file)) {
                return Optional.of(new TestRequirements(List.of(), file, file.toString()));
            }
        }
        return Optional.empty();
    }

    /** A PEP 735 group's requirements, {@code {include-group = "…"}} followed (a cycle fails). */
    private static void group(TomlTable groups, String name, Set<String> seen, List<String> into) throws UserError {
        if (!seen.add(name)) {
            throw new UserError("[dependency-groups] of pyproject.toml includes the group " + name + " in itself: "
                    + "remove the cycle");
        }
        TomlArray entries = groups.getArray(List.of(name));
        if (entries == null) {
            throw new UserError("[dependency-groups] of pyproject.toml includes the group " + name + ", which it does "
                    + "not declare");
        }
        for (int i = 0; i < entries.size(); i++) {
            Object entry = entries.get(i);
            if (entry instanceof String) {
                into.add((String) entry);
            } else if (entry instanceof TomlTable && ((TomlTable) entry).isString("include-group")) {
                group(groups, ((TomlTable) entry).getString("include-group"), seen, into);
            } else {
                throw new UserError("[dependency-groups] " + name + " of pyproject.toml holds " + entry + ": an entry is "
                        + "a requirement string or {include-group = \"name\"} (PEP 735)");
            }
        }
        seen.remove(name);
    }

    private static List<String> strings(TomlArray array, String where) throws UserError {
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Object entry = array.get(i);
            if (!(entry instanceof String)) {
                throw new UserError(where + " of pyproject.toml holds " + entry + ": every entry is a requirement string");
            }
            strings.add((String) entry);
        }
        return strings;
    }

    /**
     * The requirements file for pip: the module's own {@code requirements-test.txt}, or one written to
     * {@code workDirectory} from pyproject.toml's entries.
     */
    public Path writeTo(Path workDirectory) throws IOException {
        if (file != null) {
            return file;
        }
        Files.createDirectories(workDirectory);
        Path written = workDirectory.resolve(FILE_NAME);
        Files.write(written, requirements, StandardCharsets.UTF_8);
        return written;
    }

    /** The requirements as text, for the up-to-date check: the file's content or the entries. */
    public String text() throws IOException {
        return file != null ? Files.readString(file, StandardCharsets.UTF_8) : String.join("\n", requirements);
    }

    /** The directory relative paths in the requirements resolve against: the file's, else the sources'. */
    public Path baseDirectory(Path sourceDirectory) {
        return file != null ? file.toAbsolutePath().getParent() : sourceDirectory.toAbsolutePath();
    }

    /** Where they are declared, for the log. */
    public String declaredIn() {
        return declaredIn;
    }
}
