package io.github.sparkwheel.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkwheel.UserError;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparkDistributionTest {

    @Test
    void of_withoutModules_isWhatAPysparkJobUsesOfTheAssemblyWithItsYarnProfile_notTheScalaShell() throws Exception {
        SparkDistribution spark = SparkDistribution.of("3.5.5", "2.12", List.of());
        assertThat(spark.modules()).containsExactly("spark-core", "spark-sql", "spark-mllib", "spark-streaming",
                "spark-graphx", "spark-yarn");
        assertThat(spark.yarn()).isTrue();
        assertThat(spark.artifactId("spark-sql")).isEqualTo("spark-sql_2.12");
        assertThat(SparkDistribution.of("3.5.5", "2.12", null).modules()).isEqualTo(spark.modules());
    }

    @Test
    void of_modulesAreTrimmedLowercasedAndUnique_blankOnesIgnored() throws Exception {
        SparkDistribution spark = SparkDistribution.of(" 4.2.0 ", "2.13", Arrays.asList(" spark-core", "Spark-SQL", "",
                null, "spark-core", "spark-hive"));
        assertThat(spark.modules()).containsExactly("spark-core", "spark-sql", "spark-hive");
        assertThat(spark.version()).isEqualTo("4.2.0");
        assertThat(spark.yarn()).isFalse();
        assertThat(spark.cacheName()).startsWith("spark-4.2.0_2.13-").endsWith(".classpath")
                .isNotEqualTo(SparkDistribution.of("4.2.0", "2.13", List.of("spark-core")).cacheName());
    }

    @Test
    void of_withoutScalaVersion_followsTheSparkVersion() throws Exception {
        assertThat(SparkDistribution.of("4.0.1", null, null).scalaBinaryVersion()).isEqualTo("2.13");
        assertThat(SparkDistribution.of("4.0.1", " ", null).artifactId("spark-yarn")).isEqualTo("spark-yarn_2.13");
        assertThat(SparkDistribution.of("3.5.5", null, null).scalaBinaryVersion()).isEqualTo("2.12");
        assertThat(SparkDistribution.of("3.5.5", "2.13", null).scalaBinaryVersion()).isEqualTo("2.13"); // still overrides
        assertThat(SparkDistribution.of("4.0.1", null, null).modules()).isEqualTo(SparkDistribution.DEFAULT_MODULES);
    }

    @Test
    void of_spark4ForScala212_saysSpark4HasNone() {
        assertThatThrownBy(() -> SparkDistribution.of("4.0.1", "2.12", null)).isInstanceOf(UserError.class)
                .hasMessage("Spark 4.0.1 is built for Scala 2.13 only, not 2.12: perhaps you should remove "
                        + "<scalaBinaryVersion> (-Dpyspark.scalaBinaryVersion), which then follows the Spark version");
    }

    @Test
    void of_aModuleNamedOtherwise_saysHowToNameIt() {
        assertThatThrownBy(() -> SparkDistribution.of("3.5.5", "2.12", List.of("sql")))
                .isInstanceOf(UserError.class)
                .hasMessage("'sql' is not a Spark module: name it by its artifact id without the Scala suffix "
                        + "(spark-sql, spark-hive), perhaps you should fix <sparkModules> or -Dpyspark.sparkModules");
        assertThatThrownBy(() -> SparkDistribution.of("3.5.5", "2.12", List.of("spark-sql_2.12")))
                .isInstanceOf(UserError.class).hasMessageContaining("without the Scala suffix");
        assertThatThrownBy(() -> SparkDistribution.of("3.5.5", "212", null)).isInstanceOf(UserError.class)
                .hasMessageContaining("<scalaBinaryVersion>");
        assertThatThrownBy(() -> SparkDistribution.of(" ", "2.12", null)).isInstanceOf(UserError.class)
                .hasMessageContaining("<sparkVersion>");
    }
}
