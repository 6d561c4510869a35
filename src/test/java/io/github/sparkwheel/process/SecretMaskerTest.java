package io.github.sparkwheel.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    @Test
    void mask_urlWithPassword_hidesOnlyThePassword() {
        SecretMasker masker = SecretMasker.none();
        assertThat(masker.mask("--index-url https://deploy:s3cr3t@pypi.corp/simple"))
                .isEqualTo("--index-url https://deploy:*****@pypi.corp/simple");
    }

    @Test
    void mask_knownSecrets_longestFirst() {
        SecretMasker masker = new SecretMasker(List.of("abc", "abcdef"));
        assertThat(masker.mask("token=abcdef and abc")).isEqualTo("token=***** and *****");
    }

    @Test
    void mask_urlWithoutPassword_isUnchanged() {
        assertThat(SecretMasker.none().mask("https://pypi.org/simple user@host")).isEqualTo("https://pypi.org/simple user@host");
    }

    @Test
    void maskCommandLine_quotesArgumentsWithSpaces() {
        String line = new SecretMasker(List.of("hunter2")).maskCommandLine(List.of("pip", "--opt", "a b", "pw=hunter2", "it's"));
        assertThat(line).isEqualTo("pip --opt 'a b' pw=***** 'it'\"'\"'s'");
    }

    @Test
    void namesSecret_oneRuleForVariablesAndConfs() {
        assertThat(List.of("PIP_INDEX_PASSWORD", "GITHUB_TOKEN", "spark.hadoop.fs.s3a.secret.key", "spark.ssl.keyPassword",
                "AWS_ACCESS_KEY_ID")).allMatch(SecretMasker::namesSecret);
        assertThat(List.of("LANG", "spark.executor.memory", "PIP_INDEX_URL")).noneMatch(SecretMasker::namesSecret);
    }
}
