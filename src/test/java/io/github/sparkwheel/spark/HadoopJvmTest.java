package io.github.sparkwheel.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HadoopJvmTest {

    @Test
    void theHelpersAreNamedByTheirClasses_whichOnlyTheForkedJvmLoads() {
        assertThat(HadoopJvm.YARN_KILL).isEqualTo(YarnKill.class.getName());
        assertThat(HadoopJvm.YARN_LOGS).isEqualTo(YarnLogs.class.getName());
        assertThat(HadoopJvm.LAYER_STAGER).isEqualTo(io.github.sparkwheel.staging.LayerStager.class.getName());
        assertThat(HadoopJvm.STAGE_THEN_SUBMIT).isEqualTo(io.github.sparkwheel.staging.StageThenSubmit.class.getName());
    }
}
