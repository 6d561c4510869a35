package com.example.udfs;

import java.util.Locale;
import org.apache.spark.sql.api.java.UDF1;

/** A Spark SQL UDF in Java: the upper-case initials of a phrase ("to be or not" → "TBON"). */
public class Initials implements UDF1<String, String> {

    @Override
    public String call(String phrase) {
        if (phrase == null) {
            return null;
        }
        StringBuilder initials = new StringBuilder();
        for (String word : phrase.trim().split("\\s+")) {
            if (!word.isEmpty()) {
                initials.append(word.substring(0, 1).toUpperCase(Locale.ROOT));
            }
        }
        return initials.toString();
    }
}
