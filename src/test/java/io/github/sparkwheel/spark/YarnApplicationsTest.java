package io.github.sparkwheel.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class YarnApplicationsTest {

    @Test
    void theHelpersAreNamedByTheirClasses_whichOnlyTheForkedJvmLoads() {
        assertThat(YarnApplications.YARN_KILL).isEqualTo(YarnKill.class.getName());
        assertThat(YarnApplications.YARN_LOGS).isEqualTo(YarnLogs.class.getName());
    }
}
