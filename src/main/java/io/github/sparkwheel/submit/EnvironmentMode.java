package io.github.sparkwheel.submit;

import io.github.sparkwheel.UserError;
import java.util.Locale;

/** How the driver and the executors get the wheelhouse's packages. */
public enum EnvironmentMode {
    /** Stock Spark 3.x/4.x: the wheelhouse's bootstrap is Spark's Python and builds a cached venv per node. */
    BOOTSTRAP,
    /** Clusters carrying SPARK-13587 ({@code spark.pyspark.virtualenv.*}, HDP/CDP): Spark builds the venv. */
    VIRTUALENV;

    public static EnvironmentMode parse(String value) throws UserError {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UserError("Unknown environment '" + value + "': use bootstrap (stock Spark) or virtualenv "
                    + "(spark.pyspark.virtualenv.*), perhaps you should fix <environment> or -Dpyspark.environment");
        }
    }
}
