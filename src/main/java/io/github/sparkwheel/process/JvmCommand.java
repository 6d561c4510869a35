package io.github.sparkwheel.process;

import java.io.File;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of a JVM the plugin starts: {@code java [-Xmx…] <JVM options> [-Dname=value…] -cp <classpath> <main>
 * <arguments>}. Every JVM the plugin forks (a helper over Spark's classpath, SparkSubmit, the test goal's
 * {@code bin/spark-submit}) is written by this one builder, so each gets the same treatment.
 */
public final class JvmCommand {

    private final String java;
    private String heap;
    private final List<String> options = new ArrayList<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final List<String> classpath = new ArrayList<>();
    private String main;
    private final List<String> arguments = new ArrayList<>();

    private JvmCommand(String java) {
        this.java = java;
    }

    /** @param java the java executable; {@code null}: this JVM's own */
    public static JvmCommand of(String java) {
        return new JvmCommand(java != null ? java : thisJava());
    }

    /** This JVM's java executable. */
    public static String thisJava() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code -Xmx<heap>}, e.g. {@code 1g}; {@code null}: the JVM's default. */
    public JvmCommand heap(String heap) {
        this.heap = heap;
        return this;
    }

    /** Options of the JVM itself, such as the JDK module options a Spark version needs. */
    public JvmCommand options(List<String> options) {
        this.options.addAll(options);
        return this;
    }

    /** {@code -D<name>=<value>}; a later value of the same name wins. */
    public JvmCommand systemProperty(String name, String value) {
        systemProperties.put(name, value);
        return this;
    }

    public JvmCommand classpath(List<String> entries) {
        classpath.addAll(entries);
        return this;
    }

    public JvmCommand main(String main) {
        this.main = main;
        return this;
    }

    public JvmCommand arguments(List<String> arguments) {
        this.arguments.addAll(arguments);
        return this;
    }

    /** The whole command line. */
    public List<String> command() {
        if (main == null) {
            throw new IllegalStateException("a JVM command without a main class");
        }
        List<String> command = new ArrayList<>();
        command.add(java);
        if (heap != null) {
            command.add("-Xmx" + heap);
        }
        command.addAll(options);
        systemProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        if (!classpath.isEmpty()) {
            command.add("-cp");
            command.add(String.join(File.pathSeparator, classpath));
        }
        command.add(main);
        command.addAll(arguments);
        return command;
    }
}
