package io.github.sparkwheel.python;

import java.util.List;

/**
 * What a probe of a Python interpreter found: the facts a wheelhouse is built for and that an
 * executor's interpreter has to match. Written into the archive's manifest as it is.
 */
public final class PythonInfo {

    /** What was asked for: {@code python3}, a path, ... */
    public String command;
    /** {@code sys.executable} */
    public String executable;
    /** {@code cpython}, {@code pypy} */
    public String implementation;
    /** {@code 3.11.7} */
    public String version;
    /** {@code [3, 11]} */
    public List<Integer> versionInfo;
    /** The interpreter's most specific tag, e.g. {@code cp311-cp311-manylinux_2_36_x86_64}. */
    public String tag;
    /** {@code sysconfig.get_platform()}, e.g. {@code linux-x86_64}. */
    public String platform;
    /** pip's version, or {@code null} when the interpreter has no pip. */
    public String pip;

    public boolean hasPip() {
        return pip != null && !pip.isEmpty();
    }

    /** {@code 3.11} */
    public String majorMinor() {
        return versionInfo.get(0) + "." + versionInfo.get(1);
    }

    @Override
    public String toString() {
        return implementation + " " + version + " (" + executable + ")";
    }
}
