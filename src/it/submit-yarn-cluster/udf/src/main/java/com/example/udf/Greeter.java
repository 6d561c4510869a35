package com.example.udf;

/** The Java half of a mixed build: a class the Python job calls through the JVM. */
public final class Greeter {

    private Greeter() {}

    public static String greet(String name) {
        return "hello " + name + " from the udf jar";
    }
}
