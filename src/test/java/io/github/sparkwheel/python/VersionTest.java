package io.github.sparkwheel.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionTest {

    @Test
    void versionsSortAsPipSortsThem() {
        List<String> ordered = List.of("1.0.dev0", "1.0a1", "1.0a2.dev1", "1.0a2", "1.0b1", "1.0rc1", "1.0", "1.0+local",
                "1.0.post1.dev0", "1.0.post1", "1.0.1", "1.10", "2!0.1");
        List<Version> shuffled = new ArrayList<>();
        ordered.forEach(v -> shuffled.add(Version.parse(v)));
        Collections.reverse(shuffled);
        Collections.sort(shuffled);
        List<String> sorted = new ArrayList<>();
        shuffled.forEach(v -> sorted.add(v.toString()));
        assertThat(sorted).isEqualTo(ordered);
        assertThat(Version.parse("1.0")).isEqualTo(Version.parse("1.0.0"));
        assertThat(Version.parse("1.0").hashCode()).isEqualTo(Version.parse("1.0.0").hashCode());
        assertThat(Version.parse("not-a-version")).isNull();
    }

    @Test
    void satisfies_theSpecifiersOfPep440() {
        Version v = Version.parse("0.2.1");
        assertThat(v.satisfies(">=0.2,<0.3")).isTrue();
        assertThat(v.satisfies(">=0.3")).isFalse();
        assertThat(v.satisfies("==0.2.*")).isTrue();
        assertThat(v.satisfies("!=0.2.*")).isFalse();
        assertThat(v.satisfies("~=0.2.0")).isTrue();
        assertThat(v.satisfies("~=0.1.0")).isFalse();
        assertThat(v.satisfies("==0.2.1")).isTrue();
        assertThat(v.satisfies("")).isTrue();
        assertThat(Version.parse("1.0+build.7").satisfies("==1.0")).isTrue();
        assertThat(Version.parse("2.0rc1").satisfies("<2.0")).as("a pre-release of the very version").isFalse();
        assertThat(Version.parse("1.0.post1").satisfies(">1.0")).as("a post-release of the very version").isFalse();
        assertThat(Version.parse("1.1").satisfies(">1.0")).isTrue();
        assertThatThrownBy(() -> v.satisfies("=>1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> v.satisfies("~=1")).hasMessageContaining("two release numbers");
    }
}
