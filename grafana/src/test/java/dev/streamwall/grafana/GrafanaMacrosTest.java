package dev.streamwall.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GrafanaMacrosTest {

    private final GrafanaMacros macros =
            new GrafanaMacros(
                    Instant.parse("2026-07-05T14:00:00Z"),
                    Instant.parse("2026-07-05T16:00:00Z"),
                    "1m",
                    Map.of(
                            "race",
                            List.of("r-1"),
                            "quoted",
                            List.of("o'hara-1"),
                            "car",
                            List.of("16", "44"),
                            "team",
                            List.of("Red Bull", "O'Team")),
                    Set.of("car", "team"));

    @Test
    void expandsTimeMacros() {
        assertThat(macros.expand("WHERE $__timeFilter(ts)"))
                .isEqualTo("WHERE ts BETWEEN '2026-07-05T14:00:00Z' AND '2026-07-05T16:00:00Z'");
        assertThat(macros.expand("SELECT $__timeGroupAlias(ts, $__interval), 1"))
                .isEqualTo(
                        "SELECT to_timestamp(floor(extract(epoch from ts) / 60) * 60) AS \"time\", 1");
        assertThat(macros.expand("$__timeGroup(window_end, '5m')"))
                .isEqualTo("to_timestamp(floor(extract(epoch from window_end) / 300) * 300)");
        assertThat(macros.expand("ts > $__timeFrom()")).isEqualTo("ts > '2026-07-05T14:00:00Z'");
    }

    @Test
    void expandsVariablesAsGrafanaQuotesThem() {
        assertThat(macros.expand("race_id = '$race' AND car IN ($car)"))
                .isEqualTo("race_id = 'r-1' AND car IN ('16','44')");
        assertThat(macros.expand("team IN (${team:sqlstring})"))
                .isEqualTo("team IN ('Red Bull','O''Team')");
        assertThat(macros.expand("${car:csv}")).isEqualTo("16,44");
        assertThatThrownBy(() -> macros.expand("machine IN ($machine)"))
                .hasMessageContaining("$machine");
    }

    @Test
    void sqlstringQuotesAndEscapesASingleValue() {
        assertThat(macros.expand("WHERE race_id = ${quoted:sqlstring}"))
                .isEqualTo("WHERE race_id = 'o''hara-1'");
        assertThat(macros.expand("WHERE race_id = ${race:sqlstring}"))
                .isEqualTo("WHERE race_id = 'r-1'");
    }
}
