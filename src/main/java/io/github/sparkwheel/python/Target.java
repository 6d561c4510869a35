package io.github.sparkwheel.python;

import io.github.sparkwheel.UserError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine a wheelhouse is built for when it is not this one ({@code <targetPlatforms>},
 * {@code <targetPython>}): CPython of a version on one or more platforms. pip fetches the dependencies
 * as binary wheels for it ({@code pip download --only-binary=:all: --platform … --python-version …
 * --implementation cp --abi …}); {@link #accepts} checks a wheel's tags against it, as pip would on
 * such a machine.
 */
public final class Target {

    private static final Pattern PYTHON = Pattern.compile("^(?:cp|py|python)?\\s*(3)\\.?(\\d{1,2})$");
    private static final Pattern MANYLINUX = Pattern.compile("^manylinux_(\\d+)_(\\d+)_(.+)$");
    private static final Pattern LEGACY = Pattern.compile("^manylinux(1|2010|2014)_(.+)$");

    private final int minor;
    private final List<String> platforms;

    private Target(int minor, List<String> platforms) {
        this.minor = minor;
        this.platforms = List.copyOf(platforms);
    }

    /**
     * @param python {@code 3.10} (also {@code cp310}, {@code 310})
     * @param platforms pip platform tags, e.g. {@code manylinux2014_x86_64}, {@code manylinux_2_28_aarch64}
     */
    public static Target of(String python, List<String> platforms) throws UserError {
        Matcher m = PYTHON.matcher(python == null ? "" : python.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UserError("<targetPython> '" + python + "' is not a Python version: write it as 3.10, perhaps you "
                    + "should fix <targetPython> or -Dpyspark.targetPython");
        }
        if (platforms.isEmpty()) {
            throw new UserError("<targetPython> " + python + " needs <targetPlatforms> too: the platform tags of the "
                    + "cluster's nodes, e.g. manylinux2014_x86_64 (-Dpyspark.targetPlatforms=manylinux2014_x86_64)");
        }
        List<String> tags = new ArrayList<>();
        for (String platform : platforms) {
            String tag = platform.trim().replace('-', '_').replace('.', '_');
            if (!tag.matches("[a-z0-9_]+")) {
                throw new UserError("<targetPlatforms> entry '" + platform + "' is not a platform tag (e.g. "
                        + "manylinux2014_x86_64, manylinux_2_28_aarch64), perhaps you should fix <targetPlatforms> or "
                        + "-Dpyspark.targetPlatforms");
            }
            tags.add(tag);
        }
        return new Target(Integer.parseInt(m.group(2)), tags);
    }

    /**
     * This machine as a target, to check a wheel's tags against: a CPython on Linux, from its probe (the platform of
     * its most specific tag, {@code manylinux_2_36_x86_64}, and {@code linux_x86_64} for wheels built here);
     * {@code null} elsewhere (macOS's and Windows' tags are pip's to match).
     */
    public static Target thisMachine(PythonInfo info) throws UserError {
        if (info.tag == null || !"cpython".equals(info.implementation)) {
            return null;
        }
        String platform = info.tag.substring(info.tag.lastIndexOf('-') + 1);
        String arch = linuxArch(platform);
        if (arch == null) {
            return null;
        }
        return of(info.majorMinor(), List.of(platform, "linux_" + arch));
    }

    /** {@code 3.10} */
    public String python() {
        return "3." + minor;
    }

    /** {@code 10} for Python 3.10 */
    public int minor() {
        return minor;
    }

    /** {@code cp310}: the interpreter tag and the ABI of its extension modules. */
    public String abi() {
        return "cp3" + minor;
    }

    /** The platforms as configured. */
    public List<String> platforms() {
        return platforms;
    }

    /** {@code cp310-cp310-manylinux2014_aarch64}, the most specific tag, as a probe of such a Python says. */
    public String tag() {
        return abi() + "-" + abi() + "-" + platforms.get(0);
    }

    /** {@code CPython 3.10 on manylinux_2_28_aarch64} */
    public String describe() {
        return "CPython " + python() + " on " + String.join(", ", platforms);
    }

    /**
     * The platform tags pip is given: each configured one and, for manylinux, the older tags a machine of
     * that glibc also runs (pip does that for the machine it runs on, not for {@code --platform}).
     */
    public List<String> pipPlatforms() {
        Set<String> all = new LinkedHashSet<>();
        for (String platform : platforms) {
            all.add(platform);
            int[] glibc = glibc(platform);
            if (glibc != null) {
                String arch = arch(platform);
                for (int m = glibc[1]; m >= 5; m--) {
                    all.add("manylinux_2_" + m + "_" + arch);
                    if (m == 17) {
                        all.add("manylinux2014_" + arch);
                    } else if (m == 12) {
                        all.add("manylinux2010_" + arch);
                    } else if (m == 5) {
                        all.add("manylinux1_" + arch);
                    }
                }
            }
        }
        return new ArrayList<>(all);
    }

    /** pip's options that fetch for this target instead of this machine. */
    public List<String> pipArguments() {
        List<String> args = new ArrayList<>(List.of("--only-binary=:all:"));
        for (String platform : pipPlatforms()) {
            args.add("--platform");
            args.add(platform);
        }
        args.addAll(List.of("--python-version", python(), "--implementation", "cp", "--abi", abi()));
        return args;
    }

    /** Whether a wheel with these tags ({@code py3-none-any}, {@code cp310-cp310-manylinux2014_aarch64}) runs there. */
    public boolean accepts(String tags) {
        String[] parts = tags.split("-");
        if (parts.length != 3) {
            return false;
        }
        Set<String> pythons = Set.of(parts[0].split("\\."));
        Set<String> abis = Set.of(parts[1].split("\\."));
        boolean python = pythons.contains("py3") || pythons.contains("py3" + minor) || pythons.contains(abi())
                || pythons.contains("cp3");
        boolean stable = abis.contains("abi3") && pythons.stream().anyMatch(p -> p.matches("cp3\\d+")
                && Integer.parseInt(p.substring(3)) <= minor);
        if (!python && !stable) {
            return false;
        }
        if (!(abis.contains("none") || abis.contains("abi3") || abis.contains(abi()))) {
            return false;
        }
        List<String> accepted = pipPlatforms();
        for (String platform : parts[2].split("\\.")) {
            if (platform.equals("any") || accepted.contains(platform)) {
                return true;
            }
        }
        return false;
    }

    /** The glibc a manylinux platform tag stands for ({@code {2, 17}} for manylinux2014), or {@code null}. */
    public static int[] glibc(String platform) {
        Matcher m = MANYLINUX.matcher(platform);
        if (m.matches()) {
            return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
        }
        Matcher legacy = LEGACY.matcher(platform);
        if (legacy.matches()) {
            return new int[] {2, legacy.group(1).equals("1") ? 5 : legacy.group(1).equals("2010") ? 12 : 17};
        }
        return null;
    }

    private static String arch(String platform) {
        Matcher m = MANYLINUX.matcher(platform);
        if (m.matches()) {
            return m.group(3);
        }
        Matcher legacy = LEGACY.matcher(platform);
        return legacy.matches() ? legacy.group(2) : platform;
    }

    /** The CPU architecture of a Linux platform tag ({@code x86_64}, {@code aarch64}), or {@code null}. */
    public static String linuxArch(String platform) {
        if (platform.startsWith("linux_")) {
            return platform.substring("linux_".length());
        }
        if (glibc(platform) != null) {
            return arch(platform);
        }
        Matcher musl = Pattern.compile("^musllinux_\\d+_\\d+_(.+)$").matcher(platform);
        return musl.matches() ? musl.group(1) : null;
    }

    @Override
    public String toString() {
        return describe();
    }
}
