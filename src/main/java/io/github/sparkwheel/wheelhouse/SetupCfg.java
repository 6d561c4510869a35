package io.github.sparkwheel.wheelhouse;

import io.github.sparkwheel.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A setup.cfg checked as setuptools reads it (Python's {@code configparser} with its defaults, strict): a
 * file it cannot parse fails the build here, with the line and column and what was expected there, instead
 * of as a traceback from inside pip's build.
 */
final class SetupCfg {

    private static final Pattern SECTION = Pattern.compile("^\\[(.+)\\]");
    private static final Pattern OPTION = Pattern.compile("^(.*?)\\s*[=:]\\s*(.*)$");

    private SetupCfg() {}

    /** Does nothing when {@code file} does not exist. */
    static void check(Path file) throws UserError, IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        List<String> lines = List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\\R", -1));
        Set<String> sections = new HashSet<>();
        Map<String, Set<String>> options = new HashMap<>();
        String section = null;
        int optionIndent = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String value = line.strip();
            int indent = line.length() - line.stripLeading().length();
            if (value.isEmpty() || value.startsWith("#") || value.startsWith(";")) {
                continue;
            }
            if (section != null && optionIndent >= 0 && indent > optionIndent) {
                continue; // the value of the option above goes on
            }
            Matcher header = SECTION.matcher(value);
            if (header.find()) {
                section = header.group(1);
                if (!sections.add(section)) {
                    throw error(file, i, indent, "the section [" + section + "] appears a second time; merge the two");
                }
                optionIndent = -1;
                continue;
            }
            if (section == null) {
                throw error(file, i, indent, "expected a [section] header before the first option");
            }
            Matcher option = OPTION.matcher(value);
            if (!option.matches() || option.group(1).isEmpty()) {
                throw error(file, i, indent, "expected 'key = value', a [section] header, or a line indented "
                        + "deeper than its option to continue that option's value");
            }
            String key = option.group(1).strip().toLowerCase(java.util.Locale.ROOT);
            if (!options.computeIfAbsent(section, s -> new HashSet<>()).add(key)) {
                throw error(file, i, indent, "the option '" + key + "' appears a second time in [" + section + "]");
            }
            optionIndent = indent;
        }
    }

    private static UserError error(Path file, int index, int indent, String what) {
        return new UserError(file + " cannot be read as setuptools reads it: line " + (index + 1) + ", column "
                + (indent + 1) + ": " + what + ". pip reads this file to build the job: fix it");
    }
}
