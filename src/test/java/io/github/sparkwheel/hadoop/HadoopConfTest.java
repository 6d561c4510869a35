package io.github.sparkwheel.hadoop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkwheel.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopConfTest {

    @TempDir
    Path dir;

    @Test
    void find_prefersTheParameterThenHadoopConfDirThenYarnConfDir() throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        assertThat(HadoopConf.find(a, Map.of("HADOOP_CONF_DIR", b.toString()), true)).isEqualTo(a);
        assertThat(HadoopConf.find(null, Map.of("HADOOP_CONF_DIR", b.toString(), "YARN_CONF_DIR", a.toString()), true))
                .isEqualTo(b);
        assertThat(HadoopConf.find(null, Map.of("HADOOP_CONF_DIR", " ", "YARN_CONF_DIR", a.toString()), true)).isEqualTo(a);
        assertThat(HadoopConf.find(null, Map.of(), false)).isNull();
    }

    @Test
    void find_noneForYarn_orAMissingDirectory_isAUserErrorWithTheFix() {
        assertThatThrownBy(() -> HadoopConf.find(null, Map.of(), true)).isInstanceOf(UserError.class)
                .hasMessageContaining("<hadoopConfDir> or -Dpyspark.hadoopConfDir (or HADOOP_CONF_DIR)");
        assertThatThrownBy(() -> HadoopConf.find(null, Map.of("HADOOP_CONF_DIR", dir.resolve("nope").toString()), true))
                .hasMessageContaining("(from HADOOP_CONF_DIR) does not exist");
    }

    @Test
    void property_lastDefinitionWins() throws Exception {
        Files.writeString(dir.resolve("yarn-site.xml"), "<configuration>"
                + "<property><name>yarn.resourcemanager.webapp.address</name><value>rm1:8088</value></property>"
                + "<property><name>yarn.resourcemanager.webapp.address</name><value> rm2:8088 </value></property>"
                + "</configuration>");
        assertThat(HadoopConf.property(dir, "yarn-site.xml", "yarn.resourcemanager.webapp.address")).hasValue("rm2:8088");
        assertThat(HadoopConf.property(dir, "yarn-site.xml", "other")).isEmpty();
        assertThat(HadoopConf.property(dir, "core-site.xml", "other")).isEmpty();
    }

    @Test
    void stagingDirectories_areOnTheDefaultFileSystem_theUsersHomeByDefault() throws Exception {
        assertThat(HadoopConf.defaultStagingDirectory(dir, "ana", "/home/ana"))
                .isEqualTo("file:///home/ana/.pyspark-maven-plugin"); // no core-site.xml: the local file system
        assertThat(HadoopConf.qualify("/releases/pyspark", dir, "ana")).isEqualTo("file:///releases/pyspark");
        Files.writeString(dir.resolve("core-site.xml"), "<configuration>"
                + "<property><name>fs.defaultFS</name><value>hdfs://nn:8020/</value></property></configuration>");
        assertThat(HadoopConf.defaultStagingDirectory(dir, "ana", "/home/ana"))
                .isEqualTo("hdfs://nn:8020/user/ana/.pyspark-maven-plugin");
        assertThat(HadoopConf.qualify("/releases/pyspark", dir, "ana")).isEqualTo("hdfs://nn:8020/releases/pyspark");
        assertThat(HadoopConf.qualify("viewfs://cluster/tmp/p", dir, "ana")).isEqualTo("viewfs://cluster/tmp/p");
    }
}
