package io.github.sparkwheel.python;

import io.github.sparkwheel.process.ProcessSpec;
import io.github.sparkwheel.process.SecretMasker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Composes {@code python -m pip wheel}: the argument list and environment, nothing else.
 */
public final class PipWheelCommand {

    private final String python;
    private final PipOptions options;

    public PipWheelCommand(String python, PipOptions options) {
        this.python = python;
        this.options = options;
    }

    /**
     * @param wheelDir where pip writes every wheel
     * @param requirementFiles {@code -r} files
     * @param targets project directories and distribution files (wheels, sdists)
     */
    public List<String> arguments(Path wheelDir, List<Path> requirementFiles, List<String> targets) {
        List<String> args = new ArrayList<>(List.of(python, "-m", "pip", "wheel", "--wheel-dir", wheelDir.toString(),
                "--no-input", "--progress-bar", "off", "--disable-pip-version-check"));
        if (options.effectiveNoIndex()) {
            args.add("--no-index");
        } else {
            if (options.indexUrl != null && !options.indexUrl.isBlank()) {
                args.add("--index-url");
                args.add(options.indexUrl.trim());
            }
            for (String url : options.extraIndexUrls) {
                args.add("--extra-index-url");
                args.add(url.trim());
            }
        }
        for (String link : options.findLinks) {
            args.add("--find-links");
            args.add(link.trim());
        }
        for (String host : options.trustedHosts) {
            args.add("--trusted-host");
            args.add(host.trim());
        }
        for (Path constraint : options.constraints) {
            args.add("--constraint");
            args.add(constraint.toString());
        }
        args.addAll(options.extraArgs);
        for (Path requirements : requirementFiles) {
            args.add("--requirement");
            args.add(requirements.toString());
        }
        args.addAll(targets);
        return args;
    }

    public ProcessSpec spec(List<String> arguments, Path workingDirectory, Duration timeout, long sourceDateEpoch) {
        ProcessSpec.Builder spec = ProcessSpec.builder(arguments)
                .description("pip wheel")
                .workingDirectory(workingDirectory)
                .timeout(timeout)
                .env("SOURCE_DATE_EPOCH", Long.toString(sourceDateEpoch))
                .env("PYTHONHASHSEED", "0")
                .env("PIP_NO_INPUT", "1");
        if (options.isolated) {
            spec.removeVariablesStartingWith("PIP_").env("PIP_CONFIG_FILE", devNull());
        }
        if (options.cacheDirectory != null) {
            spec.env("PIP_CACHE_DIR", options.cacheDirectory.toString());
        }
        if (options.tempDirectory != null) { // tempfile reads TMPDIR, then TEMP and TMP (Windows)
            for (String name : List.of("TMPDIR", "TEMP", "TMP")) {
                spec.env(name, options.tempDirectory.toString());
            }
        }
        spec.environment(options.environment);
        List<String> secrets = new ArrayList<>();
        for (Map.Entry<String, String> e : options.environment.entrySet()) {
            if (SecretMasker.namesSecret(e.getKey())) {
                secrets.add(e.getValue());
            }
        }
        return spec.secrets(secrets).build();
    }

    private static String devNull() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "nul" : "/dev/null";
    }
}
