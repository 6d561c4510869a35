package io.github.sparkwheel.python;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.ProcessResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates pip's own words into what failed and what to do. pip's console hides what its subprocesses
 * said (the build environment's install, a build backend: "See above for output", which shows nothing);
 * its debug log ({@code --log}) holds every line, so the cause is read from there: the requirement that was
 * not found and where pip looked, the compiler's error, the conflict, the Python a package wants.
 */
public final class PipErrors {

    private static final Pattern NOT_FOUND = Pattern.compile("No matching distribution found for ([^\\s]+)");
    private static final Pattern BUILD_FAILED = Pattern.compile("Failed building wheel for ([^\\s]+)");
    private static final Pattern BUILD_FAILED_LEGACY = Pattern.compile("Could not build wheels for ([^\\s,]+)");
    private static final Pattern NO_COMPILER = Pattern.compile("error: command '([^']+)' failed: No such file or directory");
    private static final Pattern WRONG_PYTHON = Pattern.compile(
            "Package '([^']+)' requires a different Python: (\\S+) not in '([^']+)'");

    private static final Pattern HTTP_ERROR = Pattern.compile("Could not fetch URL (\\S+?): (\\d{3}) ([A-Za-z ]+?) (?:Error|for)");
    private static final Pattern SERVER_ERROR = Pattern.compile(
            "Could not fetch URL (\\S+?): .*too many (5\\d\\d) error responses");
    private static final Pattern EMPTY_PAGE = Pattern.compile("Fetched page (\\S+) as text/html");
    private static final Pattern PROXY_UNREACHABLE = Pattern.compile("ProxyError\\('Cannot connect to proxy");
    /** Why a connection failed, the most telling first. */
    private static final List<String> UNREACHABLE = List.of("Connection refused",
            "Name or service not known", "Temporary failure in name resolution", "No route to host",
            "Network is unreachable", "timed out", "Failed to establish a new connection");
    private static final Pattern INDEXES = Pattern.compile("Looking in indexes: (.+)");
    private static final Pattern LINKS = Pattern.compile("Looking in links: (.+)");

    /** How pip's debug log begins each line: a time stamp. */
    private static final Pattern LOG_TIME = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT[\\d:,.]+ ");
    private static final Pattern RUNNING = Pattern.compile("^\\s*Running command (.+)$");
    private static final Pattern EXITED = Pattern.compile("^\\s*ERROR: \\[present-rich\\] (.+) exited with (\\d+)");
    private static final Pattern PROCESSING = Pattern.compile("^\\s*Processing (\\S+)");
    /** pip's own framing of a failure, which says nothing about its cause. */
    private static final Pattern BOILERPLATE = Pattern.compile("(?i)(subprocess-exited-with-error|see above for output"
            + "|this error originates from a subprocess|ERROR: Failed building wheel for|Failed to build one or more wheels"
            + "|\\[present-rich\\]|did not run successfully|exit code: \\d+|^\\s*[×│╰─>]+\\s*$|^\\s*$|^\\s*note:"
            + "|Exception information:|full command\\[|cwd\\[)");
    private static final Pattern CAUSE = Pattern.compile("(?i)(\\berror\\b|fatal|exception|not found|no such file"
            + "|cannot|could not|requires a different|invalid|failed)");
    private static final int CAUSE_LINES = 8;

    private PipErrors() {}

    private static final Pattern HASH_OF = Pattern.compile("(?m)^\\s+(\\S+?)==(\\S+) from (\\S+)");
    private static final Pattern EXPECTED = Pattern.compile("Expected sha256 ([0-9a-f]{64})");
    private static final Pattern GOT = Pattern.compile("Got\\s+([0-9a-f]{64})");

    /**
     * pip's hash-checking mode refused a file: which, whose hash it has and which the requirements (a lock) allow;
     * {@code null} when that is not what failed.
     */
    private static UserError hashMismatch(String output, String after) {
        int at = output.indexOf("DO NOT MATCH THE HASHES");
        if (at < 0) {
            return null;
        }
        String rest = output.substring(at);
        Matcher of = HASH_OF.matcher(rest);
        Matcher got = GOT.matcher(rest);
        if (!of.find() || !got.find()) {
            return null;
        }
        Set<String> expected = new LinkedHashSet<>(); // pip's log and its console say it twice
        Matcher e = EXPECTED.matcher(rest);
        while (e.find()) {
            expected.add(e.group(1));
        }
        String file = of.group(3).replaceFirst("#.*$", "");
        return new UserError("The file pip found for " + of.group(1) + " " + of.group(2) + " (" + file
                + ") has sha256 " + got.group(1) + ", which the lock does not allow (it allows " + String.join(", ",
                expected) + "): the lock was edited, or the index or find-links serve another file than the one locked. "
                + "Check the file; if it is the right one, update the lock (mvn pyspark:lock -Dpyspark.lock.upgrade="
                + of.group(1) + ", or the tool that wrote it)" + after);
    }

    public static UserError explain(ProcessResult result, PipOptions options) {
        return explain(result, options, List.of(), null);
    }

    public static UserError explain(ProcessResult result, PipOptions options, List<String> pipLog) {
        return explain(result, options, pipLog, null);
    }

    /**
     * @param pipLog pip's own debug log of the run ({@code --log}), which says what the console does not:
     *     the output of pip's subprocesses, and an index page that answered 401, 403 or 407 (only "skipped" there)
     * @param keptLog where that log is kept for the user, or {@code null}
     */
    public static UserError explain(ProcessResult result, PipOptions options, List<String> pipLog, Path keptLog) {
        List<String> log = new ArrayList<>();
        pipLog.forEach(line -> log.add(LOG_TIME.matcher(line).replaceFirst("")));
        String output = String.join("\n", result.tail());
        String everything = String.join("\n", log) + "\n" + output;
        String after = (keptLog == null ? "" : "\npip's log, all of it: " + keptLog) + "\npip exited with code "
                + result.exitCode() + "; its last lines:\n" + framed(result.tail());
        UserError network = network(everything, after);
        if (network != null) {
            return network;
        }
        UserError hashes = hashMismatch(everything, after);
        if (hashes != null) {
            return hashes;
        }
        Block failed = lastFailedBlock(log);
        Matcher python = WRONG_PYTHON.matcher(everything);
        if (python.find()) {
            return new UserError(python.group(1) + " requires Python " + python.group(3) + ", but the wheelhouse is built "
                    + "with Python " + python.group(2) + ": build it with a Python that fits (<python>, -Dpyspark.python, "
                    + "or <pythonRuntime>, -Dpyspark.pythonRuntime), or relax " + python.group(1) + "'s requires-python"
                    + after);
        }
        if (everything.contains("because these package versions have conflicting dependencies")) {
            return new UserError("The job's requirements conflict: " + String.join(" ", conflict(log.isEmpty()
                    ? result.tail() : log)) + " Change the versions so that one set satisfies them all (the job's "
                    + "requirements.txt, its pyproject.toml dependencies, <constraints>)" + after);
        }
        String missing = firstMatch(failed != null ? String.join("\n", failed.lines) : everything, NOT_FOUND);
        if (missing == null) {
            missing = firstMatch(everything, NOT_FOUND);
        }
        if (missing != null) {
            String project = missing.split("[<>=!~;\\[ ]", 2)[0].toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
            Matcher empty = EMPTY_PAGE.matcher(everything);
            while (empty.find()) {
                if (empty.group(1).toLowerCase(Locale.ROOT).contains("/" + project + "/")
                        && everything.contains("0 links for project '" + project + "'")) {
                    return new UserError("The package index answered for " + missing + " with a page that lists no files ("
                            + empty.group(1) + "): is <indexUrl> (-Dpyspark.indexUrl) the index's PEP 503 'simple' URL, "
                            + "and not a login or welcome page? Check it in a browser" + after);
                }
            }
            String where = " " + where(options, everything);
            if (failed != null && failed.name.contains("install build dependencies")) {
                return new UserError("pip could not install the build dependencies of " + failed.project
                        + " (what its pyproject.toml's [build-system] requires): " + missing + " was not found;" + where
                        + ". " + (options.effectiveNoIndex()
                                ? "Add its wheels (setuptools and wheel, for most projects) to a <findLinks> directory "
                                        + "(-Dpyspark.findLinks), or build online"
                                : "Check that the index serves it, or add its wheels to <findLinks> (-Dpyspark.findLinks)")
                        + causes(failed.lines) + after);
            }
            if (options.target != null) {
                return new UserError(missing + " has no wheel for " + options.target.describe() + " (the wheelhouse's "
                        + "target: pip fetches the dependencies as binary wheels for it): pin a version of it that has "
                        + "such a wheel, or add a wheel built on a machine like the cluster's nodes to <findLinks> "
                        + "(-Dpyspark.findLinks)" + after);
            }
            if (options.offline) {
                return new UserError(missing + " is not in the wheelhouse sources and Maven is offline: add it to "
                        + "<findLinks> (-Dpyspark.findLinks) or build online;" + where + after);
            }
            if (options.noIndex) {
                return new UserError(missing + " was not found in <findLinks> and <noIndex> is set: add it to a "
                        + "<findLinks> directory or unset <noIndex> (-Dpyspark.noIndex);" + where + after);
            }
            return new UserError("pip found no distribution for " + missing + ": check its name and version, or "
                    + "perhaps you should set <indexUrl> (-Dpyspark.indexUrl), <extraIndexUrls> or <findLinks>;" + where
                    + after);
        }
        String built = firstMatch(output, BUILD_FAILED, BUILD_FAILED_LEGACY);
        if (built != null || failed != null && failed.name.startsWith("Building wheel for")) {
            String name = built != null ? built : failed.name.replaceFirst("^Building wheel for (\\S+).*$", "$1");
            List<String> lines = failed != null ? failed.lines : List.of(output.split("\n"));
            Matcher compiler = NO_COMPILER.matcher(String.join("\n", lines) + "\n" + output);
            if (compiler.find()) {
                return new UserError("Building a wheel for " + name + " needs a C compiler, but '" + compiler.group(1)
                        + "' is not installed (or not on the PATH): install one (gcc, with the Python headers), set CC "
                        + "to one, or add a wheel of " + name + " built elsewhere to <findLinks> (-Dpyspark.findLinks)"
                        + after);
            }
            return new UserError("Building a wheel for " + name + " failed (a C extension that does not compile? a missing "
                    + "build dependency?)" + causes(lines) + after);
        }
        if (failed != null) {
            return new UserError("pip failed while '" + failed.name + "' for " + failed.project + causes(failed.lines)
                    + after);
        }
        return new UserError("pip wheel failed" + causes(result.tail()) + after);
    }

    /** A subprocess of pip's that failed, as its log holds it: what it was, for which project, what it said. */
    private static final class Block {
        final String name;
        final String project;
        final List<String> lines;

        Block(String name, String project, List<String> lines) {
            this.name = name;
            this.project = project;
            this.lines = lines;
        }
    }

    /** The last "Running command X … ERROR: [present-rich] X exited with N" of pip's log. */
    private static Block lastFailedBlock(List<String> log) {
        Block last = null;
        String project = "the project";
        int start = -1;
        String name = null;
        for (int i = 0; i < log.size(); i++) {
            String line = log.get(i);
            Matcher processing = PROCESSING.matcher(line);
            if (processing.find() && start < 0) {
                project = processing.group(1);
            }
            Matcher running = RUNNING.matcher(line);
            if (running.matches()) {
                start = i + 1;
                name = running.group(1).trim();
                continue;
            }
            Matcher exited = EXITED.matcher(line);
            if (exited.find() && start >= 0 && exited.group(1).trim().equals(name)) {
                last = new Block(name, project, new ArrayList<>(log.subList(start, i)));
                start = -1;
            }
        }
        return last;
    }

    /** What pip said about a conflict: its "Cannot install …" line and the causes it lists. */
    private static List<String> conflict(List<String> lines) {
        List<String> said = new ArrayList<>();
        boolean causes = false;
        for (String line : lines) {
            String text = line.trim();
            if (text.startsWith("ERROR: Cannot install")) {
                said.add(text.substring("ERROR: ".length()));
            } else if (text.startsWith("The conflict is caused by")) {
                causes = true;
                said.add("The conflict is caused by:");
            } else if (causes && text.isEmpty()) {
                causes = false;
            } else if (causes) {
                said.add(text + ";");
            }
        }
        return said;
    }

    /** Where pip looked for distributions, as the user configured it and as pip said. */
    private static String where(PipOptions options, String text) {
        Matcher links = LINKS.matcher(text);
        Matcher indexes = INDEXES.matcher(text);
        String found = links.find() ? "the find-links " + links.group(1).trim() : "no find-links";
        if (options.effectiveNoIndex()) {
            return "pip looked in " + found + " only, and in no index (" + (options.offline
                    ? "Maven is offline, -o" : "<noIndex> is set") + ")";
        }
        return "pip looked in " + (indexes.find() ? "the index " + indexes.group(1).trim() : "pip's configured index")
                + " and " + found;
    }

    /** The lines that say what went wrong, from pip's output or a subprocess's, without pip's framing. */
    private static String causes(List<String> lines) {
        Set<String> cause = new LinkedHashSet<>();
        for (String line : lines) {
            String text = line.trim();
            if (!BOILERPLATE.matcher(text).find() && CAUSE.matcher(text).find()) {
                cause.add(text);
            }
        }
        List<String> chosen = new ArrayList<>(cause);
        if (chosen.isEmpty()) {
            for (String line : lines) {
                if (!BOILERPLATE.matcher(line.trim()).find()) {
                    chosen.add(line.trim());
                }
            }
        }
        chosen = chosen.subList(Math.max(0, chosen.size() - CAUSE_LINES), chosen.size());
        return chosen.isEmpty() ? "" : ":\n  " + String.join("\n  ", chosen);
    }

    /** pip's last lines, without those that only point elsewhere ("See above for output"). */
    private static String framed(List<String> tail) {
        List<String> kept = new ArrayList<>();
        for (String line : tail) {
            if (!line.toLowerCase(Locale.ROOT).contains("see above for output")) {
                kept.add(line);
            }
        }
        return String.join("\n", kept);
    }

    /** An index or proxy that could not be reached or refused pip: said before "no distribution found". */
    private static UserError network(String text, String after) {
        Matcher server = SERVER_ERROR.matcher(text);
        if (server.find()) {
            return new UserError("The package index failed: it answered HTTP " + server.group(2) + " for " + server.group(1)
                    + ", on every retry. The index is broken or overloaded, not your build: try again later or tell its "
                    + "administrators; or use another <indexUrl> (-Dpyspark.indexUrl), or <findLinks> with -o" + after);
        }
        Matcher http = HTTP_ERROR.matcher(text);
        while (http.find()) {
            String url = http.group(1);
            switch (http.group(2)) {
                case "401":
                    return new UserError("The package index refused pip's credentials (HTTP 401 for " + url + "): "
                            + "perhaps you should set <indexServerId> (-Dpyspark.indexServerId) or <extraIndexServerIds> "
                            + "to the settings.xml <server> that holds its username and password, or check that "
                            + "<server>'s password" + after);
                case "403":
                    return new UserError("The package index denied pip access (HTTP 403 for " + url + "): check the "
                            + "permissions of the user of <indexServerId> on that repository" + after);
                case "407":
                    return new UserError("The proxy refused pip (HTTP 407, proxy authentication required, for " + url
                            + "): check the <username> and <password> of the active <proxy> in settings.xml, or "
                            + "HTTP_PROXY/HTTPS_PROXY if you set them" + after);
                default:
                    if (http.group(2).startsWith("5")) {
                        return new UserError("The package index failed: it answered HTTP " + http.group(2) + " ("
                                + http.group(3) + ") for " + url + ". The index is broken or overloaded, not your build: "
                                + "try again later or tell its administrators; or use another <indexUrl> "
                                + "(-Dpyspark.indexUrl), or <findLinks> with -o" + after);
                    }
                    // a 404 is how an index says it has no such project: not an error of the index
            }
        }
        if (PROXY_UNREACHABLE.matcher(text).find()) {
            return new UserError("pip could not reach its proxy: check the <host> and <port> of the active <proxy> in "
                    + "settings.xml, or HTTP_PROXY/HTTPS_PROXY if you set them, and <nonProxyHosts>" + after);
        }
        String reason = UNREACHABLE.stream().filter(text::contains).findFirst().orElse(null);
        if (reason != null && (text.contains("connection broken by") || text.contains("connection error:")
                || text.contains("Max retries exceeded"))) {
            Matcher indexes = INDEXES.matcher(text);
            String where = indexes.find() ? "The package index " + indexes.group(1).trim() : "A package index";
            return new UserError(where + " could not be reached (" + reason.toLowerCase(Locale.ROOT)
                    + "): check <indexUrl> (-Dpyspark.indexUrl) and <extraIndexUrls>, your network and proxy (settings.xml "
                    + "<proxy>), or build with -o and <findLinks>" + after);
        }
        return null;
    }

    private static String firstMatch(String text, Pattern... patterns) {
        for (Pattern pattern : patterns) {
            Matcher m = pattern.matcher(text);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }
}
