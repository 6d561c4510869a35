package io.github.sparkwheel.lock;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.python.Markers;
import io.github.sparkwheel.python.Requirement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether the wheels built from a lock satisfy each other: every requirement of the project (its pyproject.toml or
 * setup.py, as its wheel's metadata says), of the extra distributions and library modules, and of every locked
 * package, that holds on the target, names a package the lock pins, at a version its specifiers allow. pip installs
 * a lock without resolving ({@code --no-deps}); this is what tells a lock that no longer fits from one that does.
 */
public final class LockCheck {

    /** A wheel of the wheelhouse: its name, version and {@code Requires-Dist}. */
    public static final class Wheel {
        final String name;
        final String version;
        final List<String> requires;
        final String origin;

        /** @param origin what it is, for messages: {@code the project (built from pyproject.toml)}, … */
        public Wheel(String name, String version, List<String> requires, String origin) {
            this.name = Requirement.canonicalName(name);
            this.version = version;
            this.requires = List.copyOf(requires);
            this.origin = origin;
        }
    }

    private LockCheck() {}

    /**
     * @param roots the wheels built from the sources (the project, extra distributions, library modules)
     * @param locked the wheels installed from the lock
     * @param requirements further requirements of the job (its requirements.txt), or empty
     * @throws UserError listing every requirement that the lock does not meet, and how to fix it
     */
    public static void check(LockFile lock, Markers.Environment environment, List<Wheel> roots, List<Wheel> locked,
            List<String> requirements) throws UserError {
        Map<String, Wheel> byName = new LinkedHashMap<>();
        for (Wheel wheel : roots) {
            byName.put(wheel.name, wheel);
        }
        for (Wheel wheel : locked) {
            byName.putIfAbsent(wheel.name, wheel);
        }
        Set<String> problems = new TreeSet<>();
        Deque<Object[]> queue = new ArrayDeque<>();
        Set<String> visited = new HashSet<>();
        for (Wheel root : roots) {
            queue.add(new Object[] {root, Set.<String>of()});
        }
        for (String text : requirements) {
            Requirement r = Requirement.parse(text);
            Wheel found = meet(r, "the job's requirements file", byName, environment, problems, lock);
            if (found != null) {
                queue.add(new Object[] {found, Set.copyOf(r.extras())});
            }
        }
        while (!queue.isEmpty()) {
            Object[] item = queue.poll();
            Wheel wheel = (Wheel) item[0];
            @SuppressWarnings("unchecked")
            Set<String> extras = (Set<String>) item[1];
            if (!visited.add(wheel.name + " " + extras)) {
                continue;
            }
            Markers.Environment env = environment.withExtras(extras);
            for (String text : wheel.requires) {
                Requirement r = Requirement.parse(text);
                Wheel found = meet(r, wheel.origin, byName, env, problems, lock);
                if (found != null) {
                    queue.add(new Object[] {found, Set.copyOf(r.extras())});
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new UserError("The " + lock.describe() + " no longer fits the job (for " + environment.describe()
                    + "):" + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", problems)
                    + System.lineSeparator() + "The build does not resolve again on its own: update the lock with the "
                    + "tool that wrote it (" + tool(lock) + "), then build again");
        }
    }

    private static Wheel meet(Requirement r, String requiredBy, Map<String, Wheel> byName, Markers.Environment env,
            Set<String> problems, LockFile lock) throws UserError {
        if (!r.appliesTo(env)) {
            return null;
        }
        Wheel found = byName.get(r.name());
        String wanted = r.name() + (r.specifiers().isEmpty() ? "" : " " + r.specifiers());
        if (found == null) {
            problems.add(requiredBy + " requires " + wanted + ", which the lock does not pin");
            return null;
        }
        if (r.url() == null && !r.allows(found.version)) {
            problems.add(requiredBy + " requires " + wanted + ", but the lock pins " + found.name + " "
                    + found.version);
            return null;
        }
        return found;
    }

    /** {@code uv lock}, {@code poetry lock}, … */
    static String tool(LockFile lock) {
        switch (lock.format()) {
            case UV:
                return "uv lock";
            case POETRY:
                return "poetry lock";
            case PYLOCK:
                return "mvn pyspark:lock, pip lock or uv export";
            default:
                return "pip-compile --generate-hashes, or mvn pyspark:lock for a pylock.toml";
        }
    }
}
