package io.github.sparkwheel.python;

import io.github.sparkwheel.UserError;
import io.github.sparkwheel.process.ProcessResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Translates pip's own words into what failed and what to do. */
public final class PipErrors {

    private static final Pattern NOT_FOUND = Pattern.compile("No matching distribution found for ([^\\s]+)");
    private static final Pattern BUILD_FAILED = Pattern.compile("Failed building wheel for ([^\\s]+)");
    private static final Pattern BUILD_FAILED_LEGACY = Pattern.compile("Could not build wheels for ([^\\s,]+)");

    private PipErrors() {}

    public static UserError explain(ProcessResult result, PipOptions options) {
        String output = String.join("\n", result.tail());
        String tail = "pip exited with code " + result.exitCode() + "; its last lines:\n" + output;
        String missing = firstMatch(output, NOT_FOUND);
        if (missing != null) {
            if (options.offline) {
                return new UserError(missing + " is not in the wheelhouse sources and Maven is offline: add it to "
                        + "<findLinks> (-Dpyspark.findLinks) or build online\n" + tail);
            }
            if (options.noIndex) {
                return new UserError(missing + " was not found in <findLinks> and <noIndex> is set: add it to a "
                        + "<findLinks> directory or unset <noIndex> (-Dpyspark.noIndex)\n" + tail);
            }
            return new UserError("pip found no distribution for " + missing + ": check its name and version, or "
                    + "perhaps you should set <indexUrl> (-Dpyspark.indexUrl), <extraIndexUrls> or <findLinks>\n" + tail);
        }
        String failed = firstMatch(output, BUILD_FAILED, BUILD_FAILED_LEGACY);
        if (failed != null) {
            return new UserError("Building a wheel for " + failed + " failed (a C extension that does not compile? a "
                    + "missing build dependency?): see pip's output above\n" + tail);
        }
        return new UserError("pip wheel failed: see its output above\n" + tail);
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
