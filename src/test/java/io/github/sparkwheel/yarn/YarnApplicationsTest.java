package io.github.sparkwheel.yarn;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkwheel.staging.LayerStager;
import io.github.sparkwheel.staging.StagingPlan;
import org.junit.jupiter.api.Test;

class YarnApplicationsTest {

    @Test
    void theHadoopHelpersAreNamedByTheirClasses_whichOnlyTheForkedJvmLoads() {
        assertThat(YarnApplications.YARN_KILL).isEqualTo(YarnKill.class.getName());
        assertThat(YarnApplications.YARN_LOGS).isEqualTo(YarnLogs.class.getName());
        assertThat(StagingPlan.STAGER_MAIN).isEqualTo(LayerStager.class.getName());
        assertThat(YarnApplications.CLUSTER_CHECK).isEqualTo(ClusterCheck.class.getName());
    }
}
