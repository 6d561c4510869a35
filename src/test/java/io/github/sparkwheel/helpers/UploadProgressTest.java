package io.github.sparkwheel.helpers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A throttled upload, on a clock the test moves: calm lines while a large layer goes, none for a small one. */
class UploadProgressTest {

    private long now;

    private List<String> upload(long total, long chunk, long nanosPerChunk) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        UploadProgress progress = new UploadProgress(out, "spark-runtime layer spark-runtime-abc.zip", total, () -> now);
        for (long done = 0; done < total; done += chunk) {
            now += nanosPerChunk; // a link of chunk bytes per nanosPerChunk
            progress.advance(Math.min(chunk, total - done));
        }
        out.println("summary " + progress.summary());
        return List.of(bytes.toString(StandardCharsets.UTF_8).split("\n"));
    }

    @Test
    void aLargeLayerOverASlowLink_saysHowFarItGot_everyFiveSeconds() {
        // 265 MB at 5 MB/s: 53 s, a line every 5 s, then the summary
        List<String> lines = upload(265_000_000L, 1_000_000L, 200_000_000L);
        assertThat(lines).hasSize(11);
        assertThat(lines.get(0)).isEqualTo("pyspark-staging: spark-runtime layer spark-runtime-abc.zip: uploading, "
                + "25.0 MB of 265.0 MB (9 %), 5.0 MB/s, about 48 s left");
        assertThat(lines.get(9)).isEqualTo("pyspark-staging: spark-runtime layer spark-runtime-abc.zip: uploading, "
                + "250.0 MB of 265.0 MB (94 %), 5.0 MB/s, about 3 s left");
        assertThat(lines.get(10)).isEqualTo("summary 265000000 bytes in 53.0 s (5.0 MB/s)");
    }

    @Test
    void aFastUpload_andASmallLayer_sayOnlyTheSummary() {
        assertThat(upload(265_000_000L, 1_000_000L, 10_000_000L)).containsExactly("summary 265000000 bytes in 2.7 s "
                + "(100.0 MB/s)"); // 2.65 s: no line is due
        now = 0;
        assertThat(upload(4_000_000L, 1_000L, 10_000_000L)).containsExactly("summary 4000000 bytes in 40.0 s");
    }
}
