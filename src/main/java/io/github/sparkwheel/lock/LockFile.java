package io.github.sparkwheel.lock;

import io.github.sparkwheel.Digests;
import io.github.sparkwheel.UserError;
import io.github.sparkwheel.python.Markers;
import io.github.sparkwheel.python.Requirement;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * A lock the job's environment is built from: PEP 751 {@code pylock.toml}, uv's {@code uv.lock}, Poetry's
 * {@code poetry.lock} or a requirements file with a {@code --hash} on every requirement. {@link #select} chooses, for
 * the machines the wheelhouse is for, the packages and the files (by sha256) the wheelhouse may hold.
 */
public final class LockFile {

    /** The lock formats, in the order they are looked for beside the sources. */
    public enum Format {
        PYLOCK("pylock.toml"), UV("uv.lock"), POETRY("poetry.lock"), REQUIREMENTS("requirements.txt");

        private final String fileName;

        Format(String fileName) {
            this.fileName = fileName;
        }

        public String fileName() {
            return fileName;
        }

        /** {@code pylock.toml (PEP 751)} */
        public String describe() {
            switch (this) {
                case PYLOCK:
                    return "PEP 751 lock";
                case UV:
                    return "uv lock";
                case POETRY:
                    return "Poetry lock";
                default:
                    return "hashed requirements file";
            }
        }
    }

    /** What a wheelhouse's manifest and bill of materials say of the lock it was built from. */
    public static final class Reference {
        /** Its path relative to the job's sources (its name when elsewhere): the same on every machine. */
        public final String file;
        public final String format;
        public final String sha256;

        Reference(String file, String format, String sha256) {
            this.file = file;
            this.format = format;
            this.sha256 = sha256;
        }
    }

    private final Path path;
    private final Format format;
    private final String sha256;
    private final String text;

    private LockFile(Path path, Format format, byte[] content) {
        this.path = path;
        this.format = format;
        this.sha256 = Digests.sha256(content);
        this.text = new String(content, StandardCharsets.UTF_8);
    }

    /**
     * The lock of the job in {@code sourceDirectory}: {@code configured} when set, else the first of pylock.toml,
     * uv.lock, poetry.lock that exists there, else its requirements file when every requirement in it is hashed.
     *
     * @param requirements the job's requirements file, or {@code null}
     */
    public static Optional<LockFile> find(Path sourceDirectory, Path configured, Path requirements)
            throws UserError, IOException {
        if (configured != null) {
            if (!Files.isRegularFile(configured)) {
                throw new UserError("<lockFile> " + configured + " does not exist; perhaps you should fix <lockFile> or "
                        + "-Dpyspark.lockFile, or remove it to build from the ranges in the job's requirements");
            }
            return Optional.of(read(configured));
        }
        for (Format format : List.of(Format.PYLOCK, Format.UV, Format.POETRY)) {
            Path candidate = sourceDirectory.resolve(format.fileName());
            if (Files.isRegularFile(candidate)) {
                return Optional.of(read(candidate));
            }
        }
        if (requirements != null && Files.isRegularFile(requirements) && isHashed(Files.readString(requirements))) {
            return Optional.of(read(requirements));
        }
        return Optional.empty();
    }

    /** Reads a lock; its format from its name ({@code pylock.*.toml}, uv.lock, poetry.lock, else requirements). */
    public static LockFile read(Path path) throws IOException {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        Format format = name.matches("pylock\\.([^.]+\\.)?toml") ? Format.PYLOCK : name.equals("uv.lock") ? Format.UV
                : name.equals("poetry.lock") ? Format.POETRY : Format.REQUIREMENTS;
        return new LockFile(path, format, Files.readAllBytes(path));
    }

    /** Whether a requirements file is a lock: it has requirements, and each carries a {@code --hash}. */
    static boolean isHashed(String text) {
        List<String> requirements = new ArrayList<>();
        requirementLines(text).stream().filter(l -> !l.startsWith("-")).forEach(requirements::add);
        return !requirements.isEmpty() && requirements.stream().allMatch(l -> l.contains("--hash"));
    }

    public Path path() {
        return path;
    }

    public Format format() {
        return format;
    }

    public String sha256() {
        return sha256;
    }

    /** The lock as the wheelhouse names it; {@code sourceDirectory} is the job's. */
    public Reference reference(Path sourceDirectory) {
        Path absolute = path.toAbsolutePath().normalize();
        Path sources = sourceDirectory.toAbsolutePath().normalize();
        String file = absolute.startsWith(sources) ? sources.relativize(absolute).toString().replace('\\', '/')
                : absolute.getFileName().toString();
        return new Reference(file, format.name().toLowerCase(Locale.ROOT), sha256);
    }

    /** {@code uv lock src/main/python/uv.lock} */
    public String describe() {
        return format.describe() + " " + path;
    }

    /**
     * The packages to install on the environment's machines: for pylock.toml and a hashed requirements file, every
     * entry whose marker holds there; for uv.lock and poetry.lock, those the project reaches through the dependencies
     * whose markers hold there. The project itself is left out (it is built from its sources), and so are
     * {@code provided} names (library modules' wheels, which Maven pins).
     *
     * @param pyproject the project's pyproject.toml, or {@code null}
     */
    public List<LockedPackage> select(Markers.Environment environment, Path pyproject, Set<String> provided)
            throws UserError, IOException {
        Set<String> skip = new HashSet<>(provided);
        String project = pyproject != null && Files.isRegularFile(pyproject) ? projectName(pyproject) : null;
        if (project != null) {
            skip.add(project);
        }
        List<LockedPackage> chosen;
        switch (format) {
            case PYLOCK:
                chosen = pylock(environment);
                break;
            case UV:
                chosen = uv(environment, project);
                break;
            case POETRY:
                chosen = poetry(environment, pyproject);
                break;
            default:
                chosen = requirements(environment);
        }
        List<LockedPackage> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (LockedPackage p : chosen) {
            if (skip.contains(p.name())) {
                continue;
            }
            if (p.files().isEmpty()) {
                throw problem(p.name() + " comes from a directory, a VCS or an archive, not an index: build its wheel "
                        + "and add it to <extraDistributions>, or publish it to the index and lock again");
            }
            if (!seen.add(p.name())) {
                throw problem("it holds two entries of " + p.name() + " for " + environment.describe()
                        + "; regenerate it");
            }
            result.add(p);
        }
        return result;
    }

    private UserError problem(String what) {
        return new UserError("The " + describe() + " cannot be used: " + what);
    }

    private TomlParseResult toml() throws UserError {
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) {
            throw problem("it is not valid TOML (" + toml.errors().get(0) + ")");
        }
        return toml;
    }

    private List<LockedPackage> pylock(Markers.Environment environment) throws UserError {
        TomlParseResult toml = toml();
        String version = toml.getString("lock-version");
        if (version == null || !version.startsWith("1.")) {
            throw problem("its lock-version is " + version + "; this plugin reads PEP 751's 1.x");
        }
        Markers.Environment env = environment.withGroups(strings(toml.getArray("default-groups")));
        TomlArray environments = toml.getArray("environments");
        if (environments != null && !environments.isEmpty()) {
            boolean any = false;
            for (int i = 0; i < environments.size(); i++) {
                any |= Markers.evaluate(environments.getString(i), environment);
            }
            if (!any) {
                throw problem("it was made for " + strings(environments) + ", not for the machines the wheelhouse "
                        + "is for (" + environment.describe() + "); lock again for them: mvn pyspark:lock with "
                        + "<targetPython> and <targetPlatforms> as the build has them");
            }
        }
        List<LockedPackage> packages = new ArrayList<>();
        TomlArray array = toml.getArray("packages");
        for (int i = 0; array != null && i < array.size(); i++) {
            TomlTable p = array.getTable(i);
            String name = p.getString("name");
            if (name == null || !Markers.evaluate(p.getString("marker"), env)) {
                continue;
            }
            TomlTable directory = p.getTable("directory");
            if (directory != null && path.toAbsolutePath().getParent().resolve(String.valueOf(directory.getString("path")))
                    .normalize().equals(path.toAbsolutePath().getParent().normalize())) {
                continue; // the project itself, beside its lock: built from its sources
            }
            List<LockedPackage.File> files = new ArrayList<>();
            TomlArray wheels = p.getArray("wheels");
            for (int w = 0; wheels != null && w < wheels.size(); w++) {
                files.add(pylockFile(name, wheels.getTable(w)));
            }
            if (p.getTable("sdist") != null) {
                files.add(pylockFile(name, p.getTable("sdist")));
            }
            if (files.isEmpty()) {
                if (p.getTable("directory") != null || p.getTable("vcs") != null || p.getTable("archive") != null) {
                    packages.add(new LockedPackage(Requirement.canonicalName(name), p.getString("version"), files));
                    continue; // the project itself, which select leaves out; another is refused there
                }
                throw problem(name + " has neither wheels nor an sdist");
            }
            packages.add(versioned(name, p.getString("version"), files));
        }
        return packages;
    }

    private LockedPackage.File pylockFile(String name, TomlTable file) throws UserError {
        TomlTable hashes = file.getTable("hashes");
        String sha256 = hashes == null ? null : hashes.getString("sha256");
        if (sha256 == null) {
            throw problem("a file of " + name + " has no sha256 among its hashes; this plugin enforces sha256");
        }
        String fileName = file.getString("name");
        if (fileName == null) {
            fileName = fileName(file.getString("url") != null ? file.getString("url") : file.getString("path"));
        }
        return new LockedPackage.File(fileName, sha256.toLowerCase(Locale.ROOT));
    }

    private List<LockedPackage> uv(Markers.Environment environment, String project) throws UserError {
        TomlParseResult toml = toml();
        Map<String, List<TomlTable>> byName = new LinkedHashMap<>();
        TomlArray array = toml.getArray("package");
        List<TomlTable> roots = new ArrayList<>();
        for (int i = 0; array != null && i < array.size(); i++) {
            TomlTable p = array.getTable(i);
            String name = Requirement.canonicalName(p.getString("name"));
            byName.computeIfAbsent(name, n -> new ArrayList<>()).add(p);
            TomlTable source = p.getTable("source");
            boolean local = source != null && (source.contains("editable") || source.contains("virtual")
                    || source.contains("directory"));
            if (local && (project == null || name.equals(project))) {
                roots.add(p);
            }
        }
        if (roots.isEmpty()) {
            throw problem("it holds no package " + (project == null ? "from a local directory" : project)
                    + " (the project); is it this project's lock?");
        }
        List<LockedPackage> chosen = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        Set<String> added = new HashSet<>();
        Deque<Object[]> queue = new ArrayDeque<>();
        for (TomlTable root : roots) {
            queue.add(new Object[] {root, Set.<String>of()});
        }
        while (!queue.isEmpty()) {
            Object[] item = queue.poll();
            TomlTable p = (TomlTable) item[0];
            @SuppressWarnings("unchecked")
            Set<String> extras = (Set<String>) item[1];
            String name = Requirement.canonicalName(p.getString("name"));
            if (!visited.add(name + " " + p.getString("version") + " " + extras)) {
                continue;
            }
            if (!roots.contains(p) && added.add(name + " " + p.getString("version"))) {
                chosen.add(uvPackage(p));
            }
            List<TomlTable> edges = new ArrayList<>(tables(p.getArray("dependencies")));
            TomlTable optional = p.getTable("optional-dependencies");
            for (String extra : extras) {
                if (optional != null) {
                    for (String key : optional.keySet()) {
                        if (Requirement.canonicalName(key).equals(extra)) {
                            edges.addAll(tables(optional.getArray(List.of(key))));
                        }
                    }
                }
            }
            for (TomlTable edge : edges) {
                if (!Markers.evaluate(edge.getString("marker"), environment)) {
                    continue;
                }
                String target = Requirement.canonicalName(edge.getString("name"));
                List<TomlTable> candidates = byName.getOrDefault(target, List.of());
                TomlTable next = null;
                for (TomlTable c : candidates) {
                    if (edge.getString("version") == null || edge.getString("version").equals(c.getString("version"))) {
                        next = c;
                        break;
                    }
                }
                if (next == null) {
                    throw problem(name + " depends on " + target + ", which it does not hold; regenerate it (uv lock)");
                }
                queue.add(new Object[] {next, new TreeSet<>(canonical(strings(edge.getArray("extra"))))});
            }
        }
        return chosen;
    }

    private LockedPackage uvPackage(TomlTable p) throws UserError {
        String name = p.getString("name");
        List<LockedPackage.File> files = new ArrayList<>();
        for (TomlTable wheel : tables(p.getArray("wheels"))) {
            files.add(uvFile(name, wheel));
        }
        if (p.getTable("sdist") != null) {
            files.add(uvFile(name, p.getTable("sdist")));
        }
        if (files.isEmpty()) { // a workspace member or a path: select leaves out a library module, refuses the rest
            return new LockedPackage(Requirement.canonicalName(name), p.getString("version"), files);
        }
        return versioned(name, p.getString("version"), files);
    }

    private LockedPackage.File uvFile(String name, TomlTable file) throws UserError {
        String hash = file.getString("hash");
        if (hash == null || !hash.startsWith("sha256:")) {
            throw problem("a file of " + name + " has no sha256 hash");
        }
        String location = file.getString("url") != null ? file.getString("url") : file.getString("path");
        return new LockedPackage.File(fileName(location), hash.substring("sha256:".length()).toLowerCase(Locale.ROOT));
    }

    private List<LockedPackage> poetry(Markers.Environment environment, Path pyproject) throws UserError, IOException {
        TomlParseResult toml = toml();
        Map<String, TomlTable> byName = new LinkedHashMap<>();
        TomlArray array = toml.getArray("package");
        for (int i = 0; array != null && i < array.size(); i++) {
            TomlTable p = array.getTable(i);
            byName.put(Requirement.canonicalName(p.getString("name")), p);
        }
        if (pyproject == null || !Files.isRegularFile(pyproject)) {
            throw problem("a Poetry lock names no root: its project's pyproject.toml is needed beside it");
        }
        // the roots: pyproject's [project] dependencies (Poetry 2), else [tool.poetry.dependencies]
        Deque<Object[]> queue = new ArrayDeque<>();
        TomlParseResult project = Toml.parse(pyproject);
        TomlArray declared = project.getArray("project.dependencies");
        for (String dependency : strings(declared)) {
            Requirement r = Requirement.parse(dependency);
            if (r.appliesTo(environment)) {
                queue.add(new Object[] {r.name(), new TreeSet<>(canonical(r.extras())), "pyproject.toml"});
            }
        }
        TomlTable poetryDependencies = project.getTable("tool.poetry.dependencies");
        if (declared == null && poetryDependencies != null) {
            for (String key : poetryDependencies.keySet()) {
                if (!key.equals("python") && poetryMarkerHolds(poetryDependencies.get(List.of(key)), environment)) {
                    queue.add(new Object[] {Requirement.canonicalName(key), new TreeSet<>(canonical(poetryExtras(
                            poetryDependencies.get(List.of(key))))), "pyproject.toml"});
                }
            }
        }
        List<LockedPackage> chosen = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        Set<String> added = new HashSet<>();
        while (!queue.isEmpty()) {
            Object[] item = queue.poll();
            String name = (String) item[0];
            @SuppressWarnings("unchecked")
            Set<String> extras = (Set<String>) item[1];
            if (!visited.add(name + " " + extras)) {
                continue;
            }
            TomlTable p = byName.get(name);
            if (p == null) {
                throw new UserError("The " + describe() + " no longer fits: " + item[2] + " requires " + name
                        + ", which it does not hold. Update it (poetry lock), or build without it");
            }
            if (added.add(name)) {
                List<LockedPackage.File> files = new ArrayList<>();
                for (TomlTable file : tables(p.getArray("files"))) {
                    String hash = file.getString("hash");
                    if (hash == null || !hash.startsWith("sha256:")) {
                        throw problem("a file of " + name + " has no sha256 hash");
                    }
                    files.add(new LockedPackage.File(file.getString("file"), hash.substring(7).toLowerCase(Locale.ROOT)));
                }
                if (files.isEmpty()) {
                    throw problem(name + " has no files in it (a path or VCS dependency): add its wheel to "
                            + "<extraDistributions>");
                }
                chosen.add(versioned(name, p.getString("version"), files));
            }
            TomlTable dependencies = p.getTable("dependencies");
            Set<String> wanted = new HashSet<>();
            TomlTable packageExtras = p.getTable("extras");
            for (String extra : extras) {
                if (packageExtras != null) {
                    for (String key : packageExtras.keySet()) {
                        if (Requirement.canonicalName(key).equals(extra)) {
                            for (String dep : strings(packageExtras.getArray(List.of(key)))) {
                                wanted.add(Requirement.canonicalName(dep.split("[\\s(\\[<>=!~;]", 2)[0]));
                            }
                        }
                    }
                }
            }
            for (String key : dependencies == null ? Set.<String>of() : dependencies.keySet()) {
                Object spec = dependencies.get(List.of(key));
                String dep = Requirement.canonicalName(key);
                boolean optional = spec instanceof TomlTable && Boolean.TRUE.equals(((TomlTable) spec).getBoolean(
                        "optional"));
                if ((!optional || wanted.contains(dep)) && poetryMarkerHolds(spec, environment)) {
                    queue.add(new Object[] {dep, new TreeSet<>(canonical(poetryExtras(spec))), name});
                }
            }
        }
        return chosen;
    }

    /** A Poetry dependency's {@code markers}; with several constraints (an array), whether any holds. */
    private static boolean poetryMarkerHolds(Object spec, Markers.Environment environment) throws UserError {
        if (spec instanceof TomlTable) {
            return Markers.evaluate(((TomlTable) spec).getString("markers"), environment);
        }
        if (spec instanceof TomlArray) {
            for (TomlTable one : tables((TomlArray) spec)) {
                if (Markers.evaluate(one.getString("markers"), environment)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    private static List<String> poetryExtras(Object spec) {
        return spec instanceof TomlTable ? strings(((TomlTable) spec).getArray("extras")) : List.of();
    }

    private List<LockedPackage> requirements(Markers.Environment environment) throws UserError {
        List<LockedPackage> packages = new ArrayList<>();
        for (String line : requirementLines(text)) {
            if (line.startsWith("-")) {
                if (line.matches("^(-r|-c|--requirement|--constraint|-e|--editable)\\b.*")) {
                    throw problem("'" + line + "': a lock cannot include other files or editable installs");
                }
                continue; // an index or find-links option: the build's own are used
            }
            List<String> hashes = new ArrayList<>();
            java.util.regex.Matcher h = java.util.regex.Pattern.compile("--hash[=\\s]+sha256:([0-9a-fA-F]{64})")
                    .matcher(line);
            while (h.find()) {
                hashes.add(h.group(1).toLowerCase(Locale.ROOT));
            }
            String requirementText = line.replaceAll("\\s--hash[=\\s]+\\S+", "").trim();
            Requirement r = Requirement.parse(requirementText);
            if (!r.appliesTo(environment)) {
                continue;
            }
            java.util.regex.Matcher pin = java.util.regex.Pattern.compile("^==\\s*([^,\\s*]+)$").matcher(r.specifiers());
            if (!pin.matches()) {
                throw problem("'" + requirementText + "' pins no exact version (name==version)");
            }
            if (hashes.isEmpty()) {
                throw problem("'" + requirementText + "' has no --hash=sha256:…");
            }
            List<LockedPackage.File> files = new ArrayList<>();
            hashes.forEach(x -> files.add(new LockedPackage.File(null, x)));
            packages.add(new LockedPackage(r.name(), pin.group(1), files));
        }
        return packages;
    }

    /** The logical lines of a requirements file: continuations joined, comments and blanks dropped. */
    public static List<String> requirementLines(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : text.split("\\R")) {
            String line = raw.replaceFirst("(^|\\s)#.*$", "");
            boolean continues = line.endsWith("\\");
            current.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!continues) {
                String logical = current.toString().trim();
                if (!logical.isEmpty()) {
                    lines.add(logical);
                }
                current.setLength(0);
            }
        }
        return lines;
    }

    private LockedPackage versioned(String name, String version, List<LockedPackage.File> files) throws UserError {
        if (version == null) {
            throw problem(name + " has no version");
        }
        return new LockedPackage(Requirement.canonicalName(name), version, files);
    }

    static String projectName(Path pyproject) throws IOException {
        TomlParseResult toml = Toml.parse(pyproject);
        String name = toml.getString("project.name");
        if (name == null) {
            name = toml.getString("tool.poetry.name");
        }
        return name == null ? null : Requirement.canonicalName(name);
    }

    /**
     * The file name a lock's URL or path ends in: {@code dep-0.2.1-py3-none-any.whl} of
     * {@code https://host/files/dep-0.2.1-py3-none-any.whl#sha256=…}, percent-decoded once ({@code %2B} is {@code +};
     * a {@code +} stays one). {@code null} for {@code null}.
     */
    public static String fileName(String location) {
        if (location == null) {
            return null;
        }
        String path = location.replaceFirst("[#?].*$", "");
        return URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static List<TomlTable> tables(TomlArray array) {
        List<TomlTable> tables = new ArrayList<>();
        for (int i = 0; array != null && i < array.size(); i++) {
            if (array.get(i) instanceof TomlTable) {
                tables.add(array.getTable(i));
            }
        }
        return tables;
    }

    private static List<String> strings(TomlArray array) {
        List<String> values = new ArrayList<>();
        for (int i = 0; array != null && i < array.size(); i++) {
            values.add(String.valueOf(array.get(i)));
        }
        return values;
    }

    private static List<String> canonical(List<String> names) {
        List<String> normal = new ArrayList<>();
        names.forEach(n -> normal.add(Requirement.canonicalName(n)));
        return normal;
    }
}
