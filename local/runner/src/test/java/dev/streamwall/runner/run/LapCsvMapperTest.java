package dev.streamwall.runner.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.generators.replay.CsvReplay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LapCsvMapperTest {

    private static final Instant START = Instant.parse("2000-01-01T12:00:00Z");

    private static Map<String, String> row(String race, String driver, int lap, long ms) {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("race", race);
        columns.put("driver", driver);
        columns.put("lap", Integer.toString(lap));
        columns.put("lap_time", Long.toString(ms));
        return columns;
    }

    /** A season of lap times without clock times: the races must not be laid over each other. */
    @Test
    void racesWithoutTimesStartADayApartInFileOrder(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("season.csv");
        Files.writeString(
                csv,
                """
                race,driver,lap,lap_time
                BHR,VER,1,95000
                BHR,VER,2,92000
                JED,VER,1,91000
                """);
        LapCsvMapper mapper = LapCsvMapper.scan(csv, null, START);

        CsvReplay.Row second = mapper.map(row("BHR", "VER", 2, 92000));
        CsvReplay.Row next = mapper.map(row("JED", "VER", 1, 91000));

        assertThat(second.ts()).isEqualTo(START.plusMillis(187_000).toEpochMilli());
        assertThat(next.ts())
                .isEqualTo(START.plus(Duration.ofDays(1)).plusMillis(91_000).toEpochMilli());
        assertThat(mapper.describeTime())
                .isEqualTo(
                        "from the lap times, 2 races a day apart in file order, the first starting"
                                + " at 2000-01-01T12:00:00Z");
    }
}
