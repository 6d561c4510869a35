package io.github.sparkwheel.it;

/**
 * Hands an IT's test servers from its pre-build script to its verify script. The invoker may give each
 * script its own class loader, so the servers are kept in the JVM's system properties, under the IT's
 * directory.
 */
public final class ItServers {

    private ItServers() {}

    public static void keep(String itDirectory, String name, AutoCloseable server) {
        System.getProperties().put(key(itDirectory, name), server);
    }

    @SuppressWarnings("unchecked")
    public static <T> T kept(String itDirectory, String name) {
        Object server = System.getProperties().get(key(itDirectory, name));
        if (server == null) {
            throw new IllegalStateException("no server " + name + " was started for " + itDirectory);
        }
        return (T) server;
    }

    /** Stops and forgets a kept server. */
    public static void stop(String itDirectory, String name) throws Exception {
        Object server = System.getProperties().remove(key(itDirectory, name));
        if (server instanceof AutoCloseable) {
            ((AutoCloseable) server).close();
        }
    }

    /**
     * The company-network ITs' index: privlib 1.0 (pure), served from {@code <it>/index} behind the given login
     * ({@code null}: none), kept as {@code index}; {@code __INDEX_URL__} in the IT's pom.xml becomes its URL.
     */
    public static PackageIndex startPrivlibIndex(java.io.File itDirectory, String username, String password)
            throws java.io.IOException {
        java.nio.file.Path wheels = itDirectory.toPath().resolve("index");
        FixtureWheels.write(wheels, "privlib", "1.0", "py3-none-any", java.util.Map.of("privlib.py", "ANSWER = 42\n"));
        PackageIndex index = new PackageIndex(wheels, username, password);
        keep(itDirectory.getPath(), "index", index);
        java.nio.file.Path pom = itDirectory.toPath().resolve("pom.xml");
        java.nio.file.Files.writeString(pom, java.nio.file.Files.readString(pom).replace("__INDEX_URL__", index.url()));
        return index;
    }

    /**
     * The Livy servers' facts ({@code <livyDir>/livy.properties}, written by LivyLauncher once they answer), waiting
     * for them here rather than before every IT: they start beside the ITs that do not need them.
     */
    public static java.util.Properties livy(java.io.File livyDir) throws Exception {
        java.nio.file.Path ready = livyDir.toPath().resolve("livy.properties");
        java.nio.file.Path failed = livyDir.toPath().resolve("failed");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(600);
        while (!java.nio.file.Files.exists(ready)) {
            if (java.nio.file.Files.exists(failed)) {
                throw new IllegalStateException("Livy did not start: " + java.nio.file.Files.readString(failed));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Livy not ready after 600 s: no " + ready + " (see its log in " + livyDir + ")");
            }
            Thread.sleep(250);
        }
        java.util.Properties livy = new java.util.Properties();
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(ready)) {
            livy.load(in);
        }
        return livy;
    }

    private static String key(String itDirectory, String name) {
        return "pyspark-it-server " + itDirectory + " " + name;
    }
}
