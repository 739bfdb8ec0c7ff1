package dev.streamwall.scenarios.pitwall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.common.job.JobMain;
import dev.streamwall.embedded.ConsumedRecord;
import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.embedded.EmbeddedInfraExtension;
import dev.streamwall.embedded.Eventually;
import dev.streamwall.embedded.KafkaTestUtils;
import dev.streamwall.embedded.KeyValue;
import dev.streamwall.embedded.MiniClusterTest;
import dev.streamwall.generators.F1RacePublisher;
import dev.streamwall.generators.f1.FaultLabel;
import dev.streamwall.generators.f1.RaceConfig;
import dev.streamwall.generators.f1.RaceSimulator;
import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.generators.wire.WireFault;
import dev.streamwall.pitwall.PitwallJob;
import dev.streamwall.pitwall.functions.TelemetryDecoder;
import dev.streamwall.scenarios.DeadLetterScenario;
import dev.streamwall.wire.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real pitwall job on a MiniCluster (parallelism 2) against the real Kafka broker and
 * PostgreSQL, fed by the race generator.
 */
@ExtendWith(EmbeddedInfraExtension.class)
class PitwallJobITCase implements MiniClusterTest {

    private static final Instant START = Instant.parse("2026-07-05T14:00:00Z");

    /** Slack between a labelled fault and its alert: the rules need a few seconds of evidence. */
    private static final long DETECTION_SLACK_MS = 30_000;

    private static RaceConfig.Builder race(long seed, int cars, int laps, int hz) {
        return RaceConfig.builder()
                .seed(seed)
                .raceId("it-" + seed)
                .startTime(START)
                .cars(cars)
                .laps(laps)
                .sampleHz(hz);
    }

    /**
     * Laps each car completes according to the generator itself: the lap before its cool-down lap.
     */
    private static Map<Integer, Integer> completedLaps(RaceConfig config) {
        Map<Integer, Integer> maxLap = new TreeMap<>();
        RaceSimulator sim = new RaceSimulator(config);
        while (sim.hasNext()) {
            Telemetry t = sim.next();
            maxLap.merge(t.car, t.lap, Math::max);
        }
        Map<Integer, Integer> completed = new TreeMap<>();
        maxLap.forEach((car, lap) -> completed.put(car, Math.min(lap - 1, config.laps())));
        return completed;
    }

    @Test
    void aSeededRaceYieldsEveryLapEveryFaultAlertAndTheSameRowsWhenRunTwice(EmbeddedInfra infra)
            throws Exception {
        RaceConfig config = race(11, 6, 9, 10).allFaults().build();
        PitwallStack stack = new PitwallStack(infra).publish(config);

        stack.runToEnd("first");

        Map<Integer, Integer> lapsPerCar = new TreeMap<>();
        for (var row : stack.query("SELECT car, count(*) AS n FROM laps GROUP BY car")) {
            lapsPerCar.put(
                    ((Number) row.get("car")).intValue(), ((Number) row.get("n")).intValue());
        }
        assertThat(lapsPerCar).isEqualTo(completedLaps(config));
        assertThat(
                        stack.count(
                                "SELECT count(*) FROM laps WHERE lap_time_ms NOT BETWEEN 80000 AND 200000"))
                .isZero();
        assertThat(stack.count("SELECT count(*) FROM stint_outlook WHERE trigger = 'LAP'"))
                .isEqualTo(lapsPerCar.values().stream().mapToLong(Integer::longValue).sum());

        List<FaultLabel> labels = stack.labels();
        assertThat(labels).hasSize(5);
        for (FaultLabel label : labels) {
            assertThat(
                            stack.count(
                                    "SELECT count(*) FROM alerts WHERE car = ? AND type = ?"
                                            + " AND ts <= to_timestamp(? / 1000.0) AND end_ts >= to_timestamp(? / 1000.0)",
                                    label.car,
                                    label.fault,
                                    label.endTs + DETECTION_SLACK_MS,
                                    label.startTs))
                    .as("alert for %s", label)
                    .isPositive();
        }
        List<Integer> faultyCars = labels.stream().map(l -> l.car).toList();
        assertThat(stack.query("SELECT car, type, evidence FROM alerts"))
                .as("alerts only on cars with an injected fault")
                .allSatisfy(
                        a -> assertThat(faultyCars).contains(((Number) a.get("car")).intValue()));
        assertThat(stack.count("SELECT count(*) FROM alerts WHERE status = 'OPEN'")).isZero();
        assertThat(stack.count("SELECT count(*) FROM dead_letters")).isZero();

        Map<String, String> before = stack.fingerprints(PitwallStack.TABLES);
        stack.runToEnd("second");
        assertThat(stack.fingerprints(PitwallStack.TABLES)).isEqualTo(before);
    }

    @Test
    void aLiveRaceAtSpeedGivesTheSameLapsCallsAndAlertsAsAReplay(EmbeddedInfra infra)
            throws Exception {
        RaceConfig config = race(23, 5, 8, 10).allFaults().build();
        PitwallStack replay = new PitwallStack(infra).publish(config);
        replay.runToEnd("replay");

        // The same race played live at 60x while the job runs: arrival order and batching differ.
        PitwallStack live = new PitwallStack(infra);
        JobClient job = live.start("live");
        try {
            live.publisher =
                    new F1RacePublisher(
                            config,
                            F1RacePublisher.Options.defaults(infra.bootstrapServers())
                                    .withTopics(live.telemetry, live.labels)
                                    .withSpeed(60));
            live.publisher.run();
            long laps = replay.count("SELECT count(*) FROM laps");
            long outlooks = replay.count("SELECT count(*) FROM stint_outlook");
            long calls = replay.count("SELECT count(*) FROM strategy_decisions");
            Eventually.waitFor(
                    () ->
                            live.count("SELECT count(*) FROM laps") >= laps
                                    && live.count("SELECT count(*) FROM stint_outlook") >= outlooks
                                    && live.count("SELECT count(*) FROM strategy_decisions")
                                            >= calls,
                    Duration.ofSeconds(120));
        } finally {
            job.cancel().get();
        }

        for (String[] table :
                new String[][] {
                    {"laps", "race_id, car, lap"},
                    {"stint_outlook", "race_id, car, ts, trigger"},
                    {"strategy_decisions", "race_id, car, ts, call"}
                }) {
            assertThat(live.fingerprint(table[0], table[1]))
                    .as(table[0])
                    .isEqualTo(replay.fingerprint(table[0], table[1]));
        }
        // A live job has not yet seen the event time that closes its last alerts; ids
        // and starts agree.
        String alerts = "SELECT alert_id, ts, type, car FROM alerts ORDER BY alert_id";
        assertThat(live.query(alerts)).isEqualTo(replay.query(alerts)).isNotEmpty();
    }

    /**
     * A car that never stops, as the job sees it from telemetry and then from the same race's bare
     * lap timing (one race run for both).
     */
    @Test
    void aCarThatNeverStopsIsToldToBoxBeforeTheCliffFromTelemetryAndWarnedFromBareTiming(
            EmbeddedInfra infra) throws Exception {
        RaceConfig probe = race(5, 2, 50, 2).noFaults().noNeutralisations().build();
        int car = probe.entries().get(1).car();
        PitwallStack telemetry =
                new PitwallStack(infra).publish(probe.toBuilder().noPitCar(car).build());
        telemetry.runToEnd("cliff");

        var cliff =
                telemetry.query(
                        "SELECT min(lap) AS lap FROM laps WHERE car = ? AND tyre_wear >= 70", car);
        assertThat(cliff.get(0).get("lap"))
                .as("the no-stop car's tyres reach the cliff in the race")
                .isNotNull();
        int cliffLap = ((Number) cliff.get(0).get("lap")).intValue();
        var firstBox =
                telemetry.query(
                        "SELECT min(lap) AS lap FROM strategy_decisions WHERE car = ? AND call = 'BOX_NOW'",
                        car);
        assertThat(firstBox.get(0).get("lap")).as("a BOX_NOW call").isNotNull();
        assertThat(((Number) firstBox.get(0).get("lap")).intValue())
                .as("BOX_NOW applies to a lap before the cliff lap %d", cliffLap)
                .isLessThan(cliffLap);
        assertThat(
                        telemetry.count(
                                "SELECT count(*) FROM strategy_decisions WHERE car = ? AND call = 'BOX_NOW' AND lap < ?"
                                        + " AND reason NOT LIKE 'best one-stop split%'",
                                car, cliffLap - 6))
                .as("long before the cliff, only the planned one-stop split calls BOX_NOW")
                .isZero();
        long laps = telemetry.count("SELECT count(*) FROM laps");

        // Recorded timing: car, lap, lap time, position, pit flags and status; no tyre, fuel
        // or gap data.
        List<KeyValue> timing = new java.util.ArrayList<>();
        for (ConsumedRecord r :
                KafkaTestUtils.consume(
                        infra.bootstrapServers(),
                        telemetry.laps,
                        (int) laps,
                        Duration.ofSeconds(30))) {
            var lap =
                    (com.fasterxml.jackson.databind.node.ObjectNode)
                            Json.MAPPER.readTree(r.value());
            lap.retain(
                    "race_id",
                    "car",
                    "driver",
                    "lap",
                    "total_laps",
                    "lap_end_ts",
                    "lap_time_ms",
                    "position",
                    "pit_in",
                    "pit_out",
                    "track_status");
            timing.add(KeyValue.of(r.key(), Json.MAPPER.writeValueAsString(lap)));
        }
        assertThat(timing).hasSize((int) laps);
        PitwallStack stack = new PitwallStack(infra);
        KafkaTestUtils.produce(infra.bootstrapServers(), stack.telemetry, timing);

        stack.runToEnd("timing", "--input", "LAPS", "--laps-input-topic", stack.telemetry);

        assertThat(stack.count("SELECT count(*) FROM stint_outlook WHERE trigger = 'LAP'"))
                .isEqualTo(laps);
        assertThat(
                        stack.count(
                                "SELECT count(*) FROM stint_outlook WHERE tyre_compound IS NOT NULL OR fuel_to_flag IS NOT NULL"))
                .as("no tyre or fuel figures are invented")
                .isZero();
        // Without tyre data the calls come from the history of stops and the field: the window
        // opens with the share of the race run, the other car's stop reaches this car's lap
        // through the field stage, and a box call is never repeated.
        assertThat(
                        stack.count(
                                "SELECT count(*) FROM strategy_decisions WHERE car = ? AND call = 'PREPARE'",
                                car))
                .as("a pit window opened for the car that never stops")
                .isPositive();
        assertThat(
                        stack.count(
                                "SELECT count(*) FROM stint_outlook WHERE car = ?"
                                        + " AND reason LIKE '%, 1 other car stopped during the lap'",
                                car))
                .as("a lap during which the other car stopped counts its stop")
                .isPositive();
        assertThat(
                        stack.count(
                                "SELECT count(*) FROM strategy_decisions WHERE car = ? AND call = 'BOX_NOW'",
                                car))
                .as("a box call is never repeated")
                .isLessThanOrEqualTo(1);
        assertThat(stack.count("SELECT count(*) FROM dead_letters")).isZero();
    }

    @Test
    void badRecordsAreDeadLetteredWithTheirReasonCountedAndServedAsMetrics(EmbeddedInfra infra)
            throws Exception {
        RaceConfig config =
                race(3, 3, 3, 10).noFaults().transportFaults(DeadLetterScenario.FAULTS).build();
        PitwallStack stack = new PitwallStack(infra).publish(config);

        DeadLetterScenario dlq =
                new DeadLetterScenario(
                                stack,
                                stack.telemetry,
                                stack.publisher,
                                DeadLetterScenario.decodes(
                                        new TelemetryDecoder(
                                                JobMain.parse(new PitwallJob()).carSet())))
                        .run(() -> stack.count("SELECT count(*) FROM laps") > 0, m -> true);
        // The job names the unknown source for what it is: a car.
        dlq.assertDeadLettered(
                f -> f == WireFault.UNKNOWN_SOURCE ? TelemetryDecoder.UNKNOWN_CAR : f.name());
        assertThat(dlq.metrics())
                .contains("flink_taskmanager_job_task_operator_call_strategy_calls")
                .contains("flink_taskmanager_job_task_operator_event_to_decision_latency_ms");
        dlq.assertLate(Telemetry.class, t -> t.car + "@" + t.ts);
    }
}
