package io.github.sparkwheel.helpers;

import java.lang.reflect.Field;
import java.util.Map;

/**
 * A variable of this JVM's own environment, changed in place. Spark's YARN client reads where pyspark's zips are
 * from {@code PYSPARK_ARCHIVES_PATH} in its process's environment ({@code sys.env}, read afresh at each submission),
 * and {@code SubmitLauncher} runs that client in its own JVM, whose environment was fixed before the staging could
 * say that the zips are in the shared directory. Java offers no setter; this changes the map behind
 * {@link System#getenv()}, which needs {@code --add-opens java.base/java.util=ALL-UNNAMED} (the launcher's JVM has
 * it). Where that is refused, {@link #set} says so and nothing changes.
 */
final class OwnEnvironment {

    private OwnEnvironment() {}

    /**
     * Sets {@code name} to {@code value} in this JVM's environment as {@link System#getenv()} shows it (processes this
     * JVM starts still get the value it started with: no Python reads this variable).
     *
     * @return {@code null} when it is set, else why it could not be
     */
    static String set(String name, String value) {
        try {
            Map<String, String> env = System.getenv();
            Field inner = env.getClass().getDeclaredField("m"); // Collections.UnmodifiableMap's map
            inner.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<String, String> writable = (Map<String, String>) inner.get(env);
            writable.put(name, value);
            return value.equals(System.getenv(name)) ? null : "the change did not show in System.getenv";
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "this JVM's environment cannot be changed (" + e + ")";
        }
    }
}
