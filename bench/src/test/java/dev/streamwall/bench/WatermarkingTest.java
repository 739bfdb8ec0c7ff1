package dev.streamwall.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WatermarkingTest {

    @Test
    void withoutAnIdlenessItIsTheJobsDefault() {
        Watermarking w = Watermarking.parse("250ms/25ms");

        assertThat(w).isEqualTo(Watermarking.TIGHT);
        assertThat(w.idleness()).isEqualTo(Duration.ofSeconds(5));
        assertThat(w.label()).isEqualTo("250ms/25ms");
    }

    @Test
    void anIdlenessIsReadAndNamedInTheLabel() {
        Watermarking w = Watermarking.parse("250ms/25ms/500ms");

        assertThat(w.idleness()).isEqualTo(Duration.ofMillis(500));
        assertThat(w.label()).isEqualTo("250ms/25ms/500ms");
        assertThat(Watermarking.parse(w.label())).isEqualTo(w);
    }

    @Test
    void moreThanThreePartsAreRefused() {
        assertThatThrownBy(() -> Watermarking.parse("2s/200ms/5s/1s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OUT_OF_ORDERNESS/INTERVAL[/IDLENESS]");
    }
}
