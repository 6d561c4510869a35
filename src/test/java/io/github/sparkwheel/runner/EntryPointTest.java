package io.github.sparkwheel.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkwheel.UserError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EntryPointTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "pkg.module:main | pkg.module:main",
        "' pkg.module : Job.run ' | pkg.module:Job.run",
        "job | job",
        "pkg.mod:main [extra1,extra2] | pkg.mod:main",
        "_private.m2:f_1 | _private.m2:f_1",
        "paquet.modülé:fonction | paquet.modülé:fonction",
    })
    void parse_validSyntax_isNormalised(String text, String expected) throws UserError {
        assertThat(EntryPoint.parse(text)).hasToString(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "pkg.module:", ":main", "pkg..mod:main", "pkg.module:main()", "1pkg:main", "pkg module:main",
        "pkg.module:main; import os", "pkg.module:\"main\""})
    void parse_malformed_namesTheElementAndProperty(String text) {
        assertThatThrownBy(() -> EntryPoint.parse(text))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("is malformed: write it as package.module:function")
                .hasMessageContaining("<entryPoint> or -Dpyspark.entryPoint");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pkg.module:main", "job"})
    void render_putsTheEntryPointIntoTheTemplate(String text) throws UserError {
        String script = RunnerScript.render(EntryPoint.parse(text));
        assertThat(script).startsWith("#!/usr/bin/env python3").contains("ENTRY_POINT = \"" + text + "\"")
                .doesNotContain("@ENTRY_POINT@");
    }
}
