package io.github.sparkwheel.python;

import io.github.sparkwheel.UserError;
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
    private PipEnvironment network;

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
        return withOptions(args, requirementFiles, targets);
    }

    /**
     * {@code pip download}: with the options' {@link PipOptions#target}, of binary wheels for it (the dependencies of
     * the wheels built here, for another machine); without, of distributions as they are (pyspark's sdist).
     */
    public List<String> downloadArguments(Path wheelDir, List<Path> requirementFiles, List<String> targets) {
        List<String> args = new ArrayList<>(List.of(python, "-m", "pip", "download", "--dest", wheelDir.toString(),
                "--no-input", "--progress-bar", "off", "--disable-pip-version-check"));
        if (options.target != null) {
            args.addAll(options.target.pipArguments());
        }
        return withOptions(args, requirementFiles, targets);
    }

    /**
     * {@code pip install --dry-run --ignore-installed --report}: what pip would install (each distribution's version,
     * where it found it and its hash), written as JSON to {@code report}, nothing installed. With the options'
     * {@link PipOptions#target}, for it ({@code scratch} is the {@code --target} pip wants beside {@code --platform}).
     */
    public List<String> reportArguments(Path report, Path scratch, List<Path> requirementFiles, List<String> targets) {
        List<String> args = new ArrayList<>(List.of(python, "-m", "pip", "install", "--dry-run", "--ignore-installed",
                "--report", report.toString(), "--quiet", "--no-input", "--progress-bar", "off",
                "--disable-pip-version-check"));
        if (options.target != null) {
            args.addAll(List.of("--target", scratch.toString()));
            args.addAll(options.target.pipArguments());
        }
        return withOptions(args, requirementFiles, targets);
    }

    private List<String> withOptions(List<String> args, List<Path> requirementFiles, List<String> targets) {
        if (options.tempDirectory != null) { // pip's debug log: what went wrong with an index, for PipErrors
            args.add("--log");
            args.add(logFile().toString());
        }
        if (options.usePep517) {
            args.add("--use-pep517");
        }
        if (options.effectiveNoIndex()) {
            args.add("--no-index");
        } // the index URLs go through pip's environment (see spec): a URL's password must not be on a command line
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

    /**
     * The process: its environment holds SOURCE_DATE_EPOCH, the index URLs, the netrc with their credentials,
     * the proxy, pip's cache and temporary directories, and the configured variables, all masked in logs.
     */
    public ProcessSpec spec(List<String> arguments, Path workingDirectory, Duration timeout, long sourceDateEpoch)
            throws UserError {
        ProcessSpec.Builder spec = ProcessSpec.builder(arguments)
                .description(arguments.contains("download") ? "pip download" : arguments.contains("--report")
                        ? "pip install --dry-run" : "pip wheel")
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
        PipEnvironment network = network();
        spec.environment(network.variables());
        spec.environment(options.environment);
        List<String> secrets = new ArrayList<>(network.secrets());
        for (Map.Entry<String, String> e : options.environment.entrySet()) {
            if (SecretMasker.namesSecret(e.getKey())) {
                secrets.add(e.getValue());
            }
        }
        return spec.secrets(secrets).build();
    }

    /** pip's own debug log of the run, in its temporary directory; {@code null} without one. */
    public Path logFile() {
        return options.tempDirectory == null ? null : options.tempDirectory.resolve("pip.log");
    }

    /** What pip is told through its environment (indexes, credentials, proxies), worked out once. */
    public PipEnvironment network() throws UserError {
        if (network == null) {
            network = PipEnvironment.of(options, System.getenv());
        }
        return network;
    }

    private static String devNull() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "nul" : "/dev/null";
    }
}
