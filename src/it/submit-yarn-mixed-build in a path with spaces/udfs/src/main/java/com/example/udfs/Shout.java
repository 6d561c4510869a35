package com.example.udfs;

import java.util.Locale;
import org.apache.spark.sql.api.java.UDF1;

/** A Spark SQL UDF written in Java, registered from Python with spark.udf.registerJavaFunction. */
public class Shout implements UDF1<String, String> {

    @Override
    public String call(String word) {
        return word == null ? null : word.toUpperCase(Locale.ROOT) + "!";
    }
}
