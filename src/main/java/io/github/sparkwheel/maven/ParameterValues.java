package io.github.sparkwheel.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.logging.Log;

/**
 * List and map parameters as the user meant them. An element whose property is not set
 * ({@code <findLink>${env.WHEELS}</findLink>} without WHEELS) reaches a Mojo as {@code null}, blank or
 * as the unresolved expression: such an entry is dropped with a warning naming the element, instead of
 * failing later with a NullPointerException or handing pip a path that does not exist.
 */
final class ParameterValues {

    private final Log log;

    ParameterValues(Log log) {
        this.log = log;
    }

    List<String> strings(List<String> values, String element) {
        List<String> kept = new ArrayList<>();
        if (values == null) {
            return kept;
        }
        for (String value : values) {
            if (usable(value, element)) {
                kept.add(value.trim());
            }
        }
        return kept;
    }

    List<File> files(List<File> values, String element) {
        List<File> kept = new ArrayList<>();
        if (values == null) {
            return kept;
        }
        for (File value : values) {
            if (usable(value == null ? null : value.getPath(), element)) {
                kept.add(value);
            }
        }
        return kept;
    }

    Map<String, String> map(Map<String, String> values, String element) {
        Map<String, String> kept = new LinkedHashMap<>();
        if (values == null) {
            return kept;
        }
        for (Map.Entry<String, String> e : values.entrySet()) { // an empty value is kept: it may be meant
            String value = e.getValue();
            if (value == null) {
                log.warn("Ignoring " + element + " <" + e.getKey() + ">: it has no value (a property that is not set?)");
            } else if (value.contains("${")) {
                log.warn("Ignoring " + element + " <" + e.getKey() + ">" + value + "</" + e.getKey()
                        + ">: it names a property that is not set");
            } else {
                kept.put(e.getKey(), value);
            }
        }
        return kept;
    }

    /** {@code null} for a blank or unresolved value (with a warning), else the value trimmed. */
    String string(String value, String element) {
        return value == null || value.isBlank() ? null : usable(value, element) ? value.trim() : null;
    }

    private boolean usable(String value, String element) {
        if (value == null || value.isBlank()) {
            log.warn("Ignoring an empty entry of " + element + " (a property that is not set?)");
            return false;
        }
        if (value.contains("${")) {
            log.warn("Ignoring the entry '" + value + "' of " + element + ": it names a property that is not set");
            return false;
        }
        return true;
    }
}
