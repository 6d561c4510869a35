package io.github.sparkwheel.python;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Pep440Test {

    @Test
    void fromMaven_aSnapshotIsADevRelease_andTheRestIsPep440sNormalForm() {
        assertThat(Pep440.fromMaven("1.2.0-SNAPSHOT")).isEqualTo("1.2.0.dev0");
        assertThat(Pep440.fromMaven("1.2.0")).isEqualTo("1.2.0");
        assertThat(Pep440.fromMaven("2.0.0-rc1")).isEqualTo("2.0.0rc1");
        assertThat(Pep440.fromMaven("2.0.0-RC-1-SNAPSHOT")).isEqualTo("2.0.0rc1.dev0");
        assertThat(Pep440.fromMaven("1.0-alpha-2")).isEqualTo("1.0a2");
    }

    @Test
    void normalize_spellingsPipTreatsAsOneVersion_areOne() {
        assertThat(Pep440.normalize("1.2.0.dev0")).isEqualTo("1.2.0.dev0");
        assertThat(Pep440.normalize("1.2.0-dev")).isEqualTo("1.2.0.dev0");
        assertThat(Pep440.normalize("V1.02.0.Post3")).isEqualTo("1.2.0.post3");
        assertThat(Pep440.normalize("1.0-1")).isEqualTo("1.0.post1");
        assertThat(Pep440.normalize("1.0+Local-Build_7")).isEqualTo("1.0+local.build.7");
        assertThat(Pep440.normalize("1.0.0-SNAPSHOT")).isNull();
        assertThat(Pep440.normalize("not a version")).isNull();
        assertThat(Pep440.normalize("1!2.0")).isEqualTo("1!2.0");
        assertThat(Pep440.normalize("0!2.0")).isEqualTo("2.0");
    }

    @Test
    void matches_theWheelMustCarryTheMavenVersion() {
        assertThat(Pep440.matches("1.2.0-SNAPSHOT", "1.2.0.dev0")).isTrue();
        assertThat(Pep440.matches("1.2.0-SNAPSHOT", "1.2.0")).isFalse(); // pip would take it for the release
        assertThat(Pep440.matches("1.2.0", "1.2.0.dev0")).isFalse();
        assertThat(Pep440.matches("2.0.0-rc1", "2.0.0.RC1")).isTrue();
        assertThat(Pep440.matches("1.2.0", "1.3.0")).isFalse();
    }
}
