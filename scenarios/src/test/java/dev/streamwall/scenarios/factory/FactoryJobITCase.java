package dev.streamwall.scenarios.factory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.common.job.JobMain;
import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.embedded.EmbeddedInfraExtension;
import dev.streamwall.embedded.MiniClusterTest;
import dev.streamwall.embedded.PrometheusScrape;
import dev.streamwall.factory.FactoryJob;
import dev.streamwall.factory.functions.ReadingDecoder;
import dev.streamwall.generators.factory.FactoryFaultType;
import dev.streamwall.generators.factory.FactoryLabel;
import dev.streamwall.generators.factory.PlantConfig;
import dev.streamwall.generators.factory.PlantCsvMapper;
import dev.streamwall.generators.factory.SensorReading;
import dev.streamwall.generators.replay.CsvReplay;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.generators.wire.WireFault;
import dev.streamwall.generators.wire.WirePublisher;
import dev.streamwall.scenarios.DeadLetterScenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real factory job on a MiniCluster (parallelism 2) against the real Kafka broker and
 * PostgreSQL, fed by the plant generator or a replayed CSV.
 */
@ExtendWith(EmbeddedInfraExtension.class)
class FactoryJobITCase implements MiniClusterTest {

    private static final Instant START = Instant.parse("2026-03-02T05:00:00Z");

    private static PlantConfig plant(int machines, Duration duration, String faults) {
        return PlantConfig.defaults()
                .withSeed(5)
                .withMachines(machines)
                .withStart(START)
                .withDuration(duration)
                .withFaults(faults);
    }

    @Test
    void aWornBearingGetsAMaintenanceAlertBeforeTheMachineOverheatsAndReplaysRewriteTheSameRows(
            EmbeddedInfra infra) throws Exception {
        PlantConfig config =
                plant(4, Duration.ofMinutes(170), "bearing_wear@M01+20m,overheating@M02+25m");
        FactoryStack stack = new FactoryStack(infra).publish(config, TransportFaults.NONE);

        stack.runToEnd("first");

        List<FactoryLabel> labels = stack.labels();
        FactoryLabel bearing =
                labels.stream()
                        .filter(l -> l.type() == FactoryFaultType.BEARING_WEAR)
                        .findFirst()
                        .orElseThrow();
        assertThat(bearing.failureTs).isNotNull();
        List<Map<String, Object>> maintenance =
                stack.query(
                        "SELECT ts, severity, evidence FROM maintenance_alerts"
                                + " WHERE machine = 'M01' AND type = 'PREDICTIVE_MAINTENANCE'");
        assertThat(maintenance).as("a maintenance alert for the worn bearing").isNotEmpty();
        long raised = epochMillis(maintenance.get(0).get("ts"));
        assertThat(raised)
                .as("raised after the wear began and before the machine overheated and failed")
                .isGreaterThan(bearing.startTs)
                .isLessThan(bearing.failureTs);
        assertThat(maintenance.get(0).get("evidence").toString()).contains("vibration");
        assertThat(
                        stack.count(
                                "SELECT count(*) FROM maintenance_alerts WHERE machine = 'M01'"
                                        + " AND type = 'OVERHEATING'"))
                .as("the heat of the worn bearing is part of its maintenance alert")
                .isZero();
        assertThat(
                        stack.count(
                                "SELECT count(*) FROM maintenance_alerts WHERE machine = 'M02'"
                                        + " AND type = 'OVERHEATING'"))
                .isEqualTo(1);
        assertThat(stack.query("SELECT DISTINCT machine FROM maintenance_alerts"))
                .as("no alert on a healthy machine")
                .extracting(r -> r.get("machine"))
                .containsOnly("M01", "M02");
        assertThat(stack.count("SELECT count(*) FROM maintenance_alerts WHERE status = 'OPEN'"))
                .isZero();
        assertThat(stack.count("SELECT count(*) FROM machine_anomalies WHERE kind = 'SPIKE'"))
                .as("noise spikes are seen, as spikes")
                .isPositive();
        assertThat(stack.count("SELECT count(*) FROM sensor_readings"))
                .isEqualTo(stack.publisher.eventsSent());
        assertThat(stack.count("SELECT count(*) FROM dead_letters")).isZero();

        // The /predict question, as documented, over the last 15 minutes of M03's data.
        String predict =
                Files.readString(Path.of("../sql/queries/factory-predict.sql"))
                        .replace(":'machine'", "?")
                        .replace(":minutes", "?");
        List<Map<String, Object>> answer = stack.query(predict, "M03", "M03", 15);
        assertThat(answer)
                .extracting(r -> r.get("sensor"))
                .containsExactly("pressure", "temp", "vibration");
        for (Map<String, Object> row : answer) {
            assertThat(((Number) row.get("n_points")).longValue()).as("%s", row).isEqualTo(900);
            double mean = ((Number) row.get("mean")).doubleValue();
            assertThat(mean)
                    .isBetween(
                            ((Number) row.get("min")).doubleValue(),
                            ((Number) row.get("max")).doubleValue());
            assertThat(((Number) row.get("anomaly_score")).doubleValue()).isBetween(0.0, 0.5);
        }
        Map<String, Object> temp = answer.get(1);
        Map<String, Object> direct =
                stack.query(
                                "SELECT count(*) AS n, avg(value) AS mean, stddev_pop(value) AS std"
                                        + " FROM sensor_readings WHERE machine = 'M03' AND sensor = 'temp'"
                                        + " AND ts >= ? AND ts < ?",
                                temp.get("from_ts"),
                                temp.get("to_ts"))
                        .get(0);
        assertThat(((Number) direct.get("mean")).doubleValue())
                .isCloseTo(
                        ((Number) temp.get("mean")).doubleValue(),
                        org.assertj.core.data.Offset.offset(1e-6));
        assertThat(((Number) direct.get("std")).doubleValue())
                .isCloseTo(
                        ((Number) temp.get("std")).doubleValue(),
                        org.assertj.core.data.Offset.offset(1e-6));

        Map<String, String> before = stack.fingerprints(FactoryStack.TABLES);
        stack.runToEnd("second");
        assertThat(stack.fingerprints(FactoryStack.TABLES)).isEqualTo(before);
    }

    @Test
    void badRecordsAreDeadLetteredWithTheirReasonCountedAndLateOnesGoToTheLateTopic(
            EmbeddedInfra infra) throws Exception {
        PlantConfig config = plant(3, Duration.ofMinutes(40), "none");
        FactoryStack stack = new FactoryStack(infra).publish(config, DeadLetterScenario.FAULTS);

        // Windows fire once the watermark has moved on past the plant's first minutes.
        DeadLetterScenario dlq =
                new DeadLetterScenario(
                                stack,
                                stack.readings,
                                stack.publisher,
                                DeadLetterScenario.decodes(
                                        new ReadingDecoder(
                                                JobMain.parse(new FactoryJob()).sensorSet())))
                        .run(() -> stack.count("SELECT count(*) FROM sensor_stats") > 0, m -> true);
        dlq.assertDeadLettered(FactoryJobITCase::reason);
        assertThat(
                        PrometheusScrape.sumBy(
                                dlq.metrics(),
                                "flink_taskmanager_job_task_operator_kind_anomalies",
                                "kind"))
                .as("noise spikes seen, counted by kind")
                .containsKey("SPIKE");
        dlq.assertLate(SensorReading.class, SensorReading::toString);
    }

    private static String reason(WireFault f) {
        return f == WireFault.UNKNOWN_SOURCE ? "UNKNOWN_SENSOR" : f.name();
    }

    @Test
    void aReplayedSingleSensorCsvYieldsAnomalyRows(EmbeddedInfra infra, @TempDir Path dir)
            throws Exception {
        // A boiler's temperature, one reading a second: an hour of normal wander, then it runs
        // 25 °C hot for ten minutes. Timestamps as ISO-8601 without a zone (UTC).
        Path csv = dir.resolve("boiler.csv");
        StringBuilder text = new StringBuilder("timestamp,value\n");
        for (int s = 0; s < 5400; s++) {
            double v =
                    70
                            + 0.4 * Math.sin(s * 0.7)
                            + 0.3 * Math.cos(s * 1.9)
                            + 1.5 * Math.sin(s / 900.0);
            if (s >= 3600 && s < 4200) {
                v += 25 * (1 - Math.exp(-(s - 3600) / 60.0));
            }
            text.append(START.plusSeconds(s).toString().replace("Z", "").replace('T', ' '))
                    .append(',')
                    .append(String.format(Locale.ROOT, "%.2f", v))
                    .append('\n');
        }
        text.append("not a time,71.0\n");
        Files.writeString(csv, text, StandardCharsets.UTF_8);

        FactoryStack stack = new FactoryStack(infra);
        CsvReplay.Result replay =
                new CsvReplay(
                                csv,
                                new PlantCsvMapper("B1", "temp"),
                                WirePublisher.Options.of(
                                        infra.bootstrapServers(), stack.readings, 0))
                        .run();
        assertThat(replay.sent()).isEqualTo(5400);
        assertThat(replay.rejected()).isEqualTo(1);
        assertThat(replay.firstRejections()).singleElement().asString().startsWith("line 5402:");

        stack.runToEnd("replay");

        assertThat(stack.count("SELECT count(*) FROM sensor_readings WHERE machine = 'B1'"))
                .isEqualTo(5400);
        List<Map<String, Object>> anomalies =
                stack.query(
                        "SELECT ts, kind, status FROM machine_anomalies WHERE machine = 'B1'"
                                + " AND sensor = 'temp' AND kind = 'HIGH'");
        assertThat(anomalies)
                .singleElement()
                .satisfies(
                        a -> {
                            long ts = epochMillis(a.get("ts"));
                            assertThat(ts)
                                    .isBetween(
                                            START.plusSeconds(3600).toEpochMilli(),
                                            START.plusSeconds(3720).toEpochMilli());
                        });
        assertThat(
                        stack.count(
                                "SELECT count(*) FROM maintenance_alerts WHERE machine = 'B1'"
                                        + " AND type = 'OVERHEATING'"))
                .isEqualTo(1);
        assertThat(stack.count("SELECT count(*) FROM sensor_stats WHERE machine = 'B1'"))
                .isGreaterThan(80);
    }

    private static long epochMillis(Object timestamp) {
        if (timestamp instanceof java.sql.Timestamp t) {
            return t.getTime();
        }
        return ((java.time.OffsetDateTime) timestamp).toInstant().toEpochMilli();
    }
}
