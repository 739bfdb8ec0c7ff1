package dev.streamwall.pitwall.functions.anomaly;

import static dev.streamwall.pitwall.Fixtures.HAM;
import static dev.streamwall.pitwall.Fixtures.LEC;
import static dev.streamwall.pitwall.Fixtures.RACE;
import static dev.streamwall.pitwall.Fixtures.RACE_START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.common.cep.OrderedCep;
import dev.streamwall.embedded.MiniClusterTest;
import dev.streamwall.pitwall.records.Alert;
import dev.streamwall.pitwall.records.AlertType;
import dev.streamwall.pitwall.records.CarCondition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.CEP;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;
import org.junit.jupiter.api.Test;

/**
 * Each CEP rule run by the real CEP operator in event time: it fires on the generator's fault
 * signature and stays quiet on a healthy car, a single noisy second and near misses.
 */
class AnomalyPatternsTest implements MiniClusterTest {

    private static final int PARALLELISM = 2;

    private static final AnomalyPatterns.Thresholds THRESHOLDS =
            AnomalyPatterns.Thresholds.defaults();

    /** A car with a near miss or a single noisy second: it must raise nothing. */
    private static final int NOISY = 55;

    /** A car whose odd readings are steady, not a fault developing. */
    private static final int STEADY = 63;

    private static final int RACE_SECONDS = 200;
    private static final long SECOND_MS = 1000;
    private static final long LAST_SAMPLE_MS = 990;
    private static final int FAULT_FROM = 50;

    // Healthy ranges (°C, psi) and the generator's fault signatures.
    private static final double HEALTHY_BRAKE_MIN = 320;
    private static final double HEALTHY_BRAKE_PEAK = 880;
    private static final double OVERHEATED_BRAKE_MIN = 1_080;
    private static final double OVERHEATED_BRAKE_PEAK = 1_250;
    private static final int BRAKE_FAULT_SECONDS = 80;
    private static final double HEALTHY_ENGINE = 105;
    private static final double OVERHEATED_ENGINE = 134;
    private static final int ENGINE_FAULT_SECONDS = 60;
    private static final double HEALTHY_DEFICIT = 0.1;
    private static final double PUNCTURE_PSI_PER_SECOND = 0.035;
    private static final double PUNCTURE_TEMP_EXCESS = 15;
    private static final int PUNCTURE_SECONDS = 115;
    private static final int STUCK_SECONDS = 40;

    /** The job's default gap within which the alert tracker merges matches into one alert. */
    private static final long MERGE_GAP_MS = 10_000;

    private static final double STUCK_VALUE = 107.25;

    private static long at(int second) {
        return RACE_START + second * SECOND_MS;
    }

    /** A healthy second of {@code car}'s race, with the small variation a real car shows. */
    private static CarCondition healthy(int car, int second) {
        CarCondition c = new CarCondition();
        c.raceId = RACE;
        c.car = car;
        c.driver = "C" + car;
        c.lap = 1 + second / 90;
        c.firstTs = at(second);
        c.ts = at(second) + LAST_SAMPLE_MS;
        c.closedTs = at(second + 1);
        c.samples = 100;
        c.hotBrake = "fl";
        c.hotBrakeMin = HEALTHY_BRAKE_MIN + (second % 7) * 20;
        c.hotBrakeMax = HEALTHY_BRAKE_PEAK + (second % 5) * 15;
        c.engineTempMean = HEALTHY_ENGINE + (second % 9);
        c.engineTempMax = c.engineTempMean + 1.5;
        c.lowTyre = "rl";
        c.pressureDeficit = HEALTHY_DEFICIT + (second % 3) * 0.05;
        c.lowTyrePressure = 21.0;
        c.lowTyreTempExcess = (second % 4) * 0.5;
        c.trackStatus = "GREEN";
        return c;
    }

    /**
     * The race of a faulty car (LEC), a healthy one (HAM) and the {@link #NOISY} and {@link
     * #STEADY} cars, each second of all but HAM changed by {@code fault}, in time order.
     */
    private static List<CarCondition> race(BiConsumer<CarCondition, Integer> fault) {
        List<CarCondition> all = new ArrayList<>();
        for (int second = 0; second < RACE_SECONDS; second++) {
            for (int car : new int[] {LEC, HAM, NOISY, STEADY}) {
                CarCondition c = healthy(car, second);
                if (car != HAM) {
                    fault.accept(c, second);
                }
                all.add(c);
            }
        }
        return all;
    }

    private static List<Alert> run(AnomalyPatterns.Rule rule, List<CarCondition> conditions)
            throws Exception {
        return run(List.of(rule), conditions);
    }

    /** The conditions in a job of their own, stamped with {@code time}, keyed by car. */
    private static KeyedStream<CarCondition, Integer> keyedByCar(
            List<CarCondition> conditions, SerializableFunction<CarCondition, Long> time) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(PARALLELISM);
        return env.fromData(conditions, TypeInformation.of(CarCondition.class))
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<CarCondition>forMonotonousTimestamps()
                                .withTimestampAssigner((c, ts) -> time.apply(c)))
                .keyBy(c -> c.car);
    }

    /** Runs the rules over the conditions, keyed by car, and collects every alert candidate. */
    private static List<Alert> run(List<AnomalyPatterns.Rule> rules, List<CarCondition> conditions)
            throws Exception {
        KeyedStream<CarCondition, Integer> byCar = keyedByCar(conditions, c -> c.ts);
        DataStream<Alert> alerts = null;
        for (AnomalyPatterns.Rule rule : rules) {
            DataStream<Alert> matches =
                    CEP.pattern(byCar, rule.pattern())
                            .inEventTime()
                            .process(rule.toAlert(), TypeInformation.of(Alert.class));
            alerts = alerts == null ? matches : alerts.union(matches);
        }
        List<Alert> out = new ArrayList<>();
        try (CloseableIterator<Alert> it = alerts.executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        out.sort(Comparator.comparingLong(a -> a.startTs));
        return out;
    }

    private static Map<Integer, List<Alert>> byCar(List<Alert> alerts) {
        return alerts.stream().collect(Collectors.groupingBy(a -> a.car));
    }

    @Test
    void brakeOverheatingFiresOnlyWhenSustained() throws Exception {
        List<Alert> alerts =
                run(
                        AnomalyPatterns.brakeOverheat(THRESHOLDS),
                        race(
                                (c, s) -> {
                                    boolean fault =
                                            c.car == LEC
                                                    && s >= FAULT_FROM
                                                    && s < FAULT_FROM + BRAKE_FAULT_SECONDS;
                                    // A single second over the threshold, and later four in a row:
                                    // both short of five.
                                    boolean spike =
                                            c.car == NOISY
                                                    && (s == FAULT_FROM || s >= 120 && s < 124);
                                    if (fault || spike) {
                                        c.hotBrake = "fr";
                                        c.hotBrakeMin = OVERHEATED_BRAKE_MIN + (s % 4) * 15;
                                        c.hotBrakeMax = OVERHEATED_BRAKE_PEAK + (s % 3) * 20;
                                    }
                                    // Hard braking into a slow corner: a peak above the threshold,
                                    // a floor well below it.
                                    if (c.car == STEADY) {
                                        c.hotBrakeMax = 1_150;
                                    }
                                }));

        assertThat(byCar(alerts)).containsOnlyKeys(LEC);
        assertThat(alerts).hasSize(BRAKE_FAULT_SECONDS / THRESHOLDS.brakeOverheatSeconds());
        Alert first = alerts.get(0);
        assertThat(first.type).isEqualTo(AlertType.BRAKE_OVERHEAT.name());
        assertThat(first.startTs).isEqualTo(at(FAULT_FROM));
        assertThat(first.endTs)
                .isEqualTo(at(FAULT_FROM + THRESHOLDS.brakeOverheatSeconds() - 1) + LAST_SAMPLE_MS);
        assertThat(first.severity).isEqualTo("CRITICAL");
        assertThat(first.evidence).startsWith("brake FR above 1000 °C for 5 s");
    }

    @Test
    void engineOverheatingFiresAfterThreeHotSeconds() throws Exception {
        List<Alert> alerts =
                run(
                        AnomalyPatterns.engineOverheat(THRESHOLDS),
                        race(
                                (c, s) -> {
                                    boolean fault =
                                            c.car == LEC
                                                    && s >= FAULT_FROM
                                                    && s < FAULT_FROM + ENGINE_FAULT_SECONDS;
                                    boolean spike =
                                            c.car == NOISY
                                                    && (s == FAULT_FROM || s == 120 || s == 121);
                                    if (fault || spike) {
                                        c.engineTempMean = OVERHEATED_ENGINE + (s % 3);
                                        c.engineTempMax = c.engineTempMean + 1;
                                    }
                                    // Hot in a slipstream train, under the threshold.
                                    if (c.car == STEADY && s >= FAULT_FROM) {
                                        c.engineTempMean = THRESHOLDS.engineOverheatC() - 1;
                                    }
                                }));

        assertThat(byCar(alerts)).containsOnlyKeys(LEC);
        assertThat(alerts).hasSize(ENGINE_FAULT_SECONDS / THRESHOLDS.engineOverheatSeconds());
        assertThat(alerts.get(0).startTs).isEqualTo(at(FAULT_FROM));
        assertThat(alerts.get(0).severity).isEqualTo("CRITICAL");
        assertThat(alerts.get(0).evidence).startsWith("engine above 125 °C for 3 s");
    }

    @Test
    void aSlowPunctureFiresWhenTheDeficitGrowsOnAHotterTyre() throws Exception {
        List<Alert> alerts =
                run(
                        AnomalyPatterns.slowPuncture(THRESHOLDS),
                        race(
                                (c, s) -> {
                                    if (c.car == LEC
                                            && s >= FAULT_FROM
                                            && s < FAULT_FROM + PUNCTURE_SECONDS) {
                                        c.lowTyre = "fr";
                                        c.pressureDeficit =
                                                HEALTHY_DEFICIT
                                                        + PUNCTURE_PSI_PER_SECOND
                                                                * (s - FAULT_FROM);
                                        c.lowTyreTempExcess = PUNCTURE_TEMP_EXCESS;
                                    }
                                    // One bad second of pressure readings on a hotter tyre.
                                    if (c.car == NOISY && s == FAULT_FROM) {
                                        c.pressureDeficit = 2.5;
                                        c.lowTyreTempExcess = 12;
                                    }
                                    // Set up low and a little hotter, but not losing air.
                                    if (c.car == STEADY) {
                                        c.pressureDeficit = 1.4 + (s % 3) * 0.05;
                                        c.lowTyreTempExcess = 4;
                                    }
                                }));

        assertThat(byCar(alerts)).containsOnlyKeys(LEC);
        Alert first = alerts.get(0);
        assertThat(first.type).isEqualTo(AlertType.SLOW_PUNCTURE.name());
        assertThat(first.severity).isEqualTo("CRITICAL");
        // Onset once 1 psi down, then another psi lost: about 29 s apart at 0.035 psi/s.
        assertThat(first.startTs).isBetween(at(FAULT_FROM + 25), at(FAULT_FROM + 30));
        assertThat(first.endTs - first.startTs)
                .isLessThanOrEqualTo(THRESHOLDS.punctureWithin().toMillis());
        assertThat(first.evidence).startsWith("tyre FR losing pressure");
        // While the pressure keeps falling a match ends every second, so the alert stays open.
        for (int i = 1; i < alerts.size(); i++) {
            assertThat(alerts.get(i).endTs - alerts.get(i - 1).endTs)
                    .isLessThanOrEqualTo(SECOND_MS);
        }
        Alert last = alerts.get(alerts.size() - 1);
        assertThat(last.endTs).isLessThan(at(FAULT_FROM + PUNCTURE_SECONDS));
        assertThat(last.endTs - first.endTs).isGreaterThan(MERGE_GAP_MS);
    }

    @Test
    void aStuckSensorFiresAfterThreeSecondsOfTheSameValue() throws Exception {
        long stuckSince = at(FAULT_FROM) + 10;
        List<Alert> alerts =
                run(
                        AnomalyPatterns.stuckSensor(THRESHOLDS),
                        race(
                                (c, s) -> {
                                    // Reported once it has repeated for a second.
                                    if (c.car == LEC
                                            && s > FAULT_FROM
                                            && s <= FAULT_FROM + STUCK_SECONDS) {
                                        c.stuckChannel = "engine_temp";
                                        c.stuckValue = STUCK_VALUE;
                                        c.stuckSinceTs = stuckSince;
                                    }
                                    // Two seconds of a repeated value, then noise again.
                                    if (c.car == NOISY
                                            && (s == FAULT_FROM + 1 || s == FAULT_FROM + 2)) {
                                        c.stuckChannel = "tyre_temp_rl";
                                        c.stuckValue = 95.5;
                                        c.stuckSinceTs = at(FAULT_FROM);
                                    }
                                    // Two channels each repeating briefly, one after the other: no
                                    // single channel is stuck.
                                    if (c.car == STEADY && s >= FAULT_FROM && s < FAULT_FROM + 4) {
                                        c.stuckChannel =
                                                s < FAULT_FROM + 2
                                                        ? "brake_temp_rr"
                                                        : "brake_temp_rl";
                                        c.stuckValue = 450;
                                        c.stuckSinceTs =
                                                at(
                                                        s < FAULT_FROM + 2
                                                                ? FAULT_FROM
                                                                : FAULT_FROM + 2);
                                    }
                                }));

        assertThat(byCar(alerts)).containsOnlyKeys(LEC);
        assertThat(alerts).hasSize(STUCK_SECONDS / THRESHOLDS.stuckSeconds());
        Alert first = alerts.get(0);
        assertThat(first.type).isEqualTo(AlertType.STUCK_SENSOR.name());
        assertThat(first.startTs).isEqualTo(stuckSince);
        assertThat(first.endTs)
                .isEqualTo(at(FAULT_FROM + THRESHOLDS.stuckSeconds()) + LAST_SAMPLE_MS);
        assertThat(first.evidence).isEqualTo("engine_temp reads exactly 107.25 for 4.0 s");
    }

    @Test
    void everyRuleIsQuietOnAHealthyRace() throws Exception {
        assertThat(run(AnomalyPatterns.rules(THRESHOLDS), race((c, s) -> {}))).isEmpty();
    }

    @Test
    void rulesOfConsecutiveSecondsMatchTheSameInProcessingTimeOnOrderedConditions()
            throws Exception {
        // Brake overheating for LEC with a one-second break, the engine for NOISY in runs of two
        // to seven seconds, a stuck channel for STEADY that changes once: matches, near misses
        // and runs cut short.
        List<CarCondition> race =
                race(
                        (c, s) -> {
                            if (c.car == LEC && s >= FAULT_FROM && s < FAULT_FROM + 40 && s != 63) {
                                c.hotBrake = "rr";
                                c.hotBrakeMin = OVERHEATED_BRAKE_MIN + (s % 4) * 15;
                                c.hotBrakeMax = OVERHEATED_BRAKE_PEAK + (s % 3) * 20;
                            }
                            if (c.car == NOISY && s >= 30 && s % 10 < 2 + s / 30) {
                                c.engineTempMean = OVERHEATED_ENGINE + (s % 3);
                                c.engineTempMax = c.engineTempMean + 1;
                            }
                            if (c.car == STEADY && s >= 100 && s < 130) {
                                c.stuckChannel = "engine_temp";
                                c.stuckValue = STUCK_VALUE;
                                c.stuckSinceTs = at(s < 115 ? 100 : 115);
                            }
                        });
        for (AnomalyPatterns.Rule rule : AnomalyPatterns.rules(THRESHOLDS)) {
            if (rule.bounded()) {
                continue;
            }
            List<String> inEventTime = runStamped(rule, race, false);
            assertThat(inEventTime).as(rule.type().name()).hasSizeGreaterThan(1);
            assertThat(runStamped(rule, race, true)).as(rule.type().name()).isEqualTo(inEventTime);
        }
    }

    @Test
    void theSlowPunctureWithoutWindowMatchesInProcessingTimeAsTheRuleInEventTime()
            throws Exception {
        // LEC deflates as the generator's puncture does, with two seconds in the pits and a
        // second missing now and then; from 1 psi down, NOISY loses the next psi in just over the
        // 90 s window (never a match), STEADY in just under it.
        List<CarCondition> race =
                race(
                        (c, s) -> {
                            if (c.car == LEC
                                    && s >= FAULT_FROM
                                    && s < FAULT_FROM + PUNCTURE_SECONDS) {
                                c.lowTyre = "rl";
                                c.pressureDeficit =
                                        HEALTHY_DEFICIT
                                                + PUNCTURE_PSI_PER_SECOND * (s - FAULT_FROM);
                                c.lowTyreTempExcess = PUNCTURE_TEMP_EXCESS;
                                c.inPit = s == 110 || s == 111;
                            }
                            if (c.car != LEC && s >= FAULT_FROM) {
                                double psiPerSecond = c.car == NOISY ? 0.0110 : 0.0114;
                                c.lowTyre = "fl";
                                c.pressureDeficit = 1.0 + psiPerSecond * (s - FAULT_FROM);
                                c.lowTyreTempExcess = PUNCTURE_TEMP_EXCESS;
                            }
                        });
        race.removeIf(c -> c.car == LEC && (c.ts / SECOND_MS) % 37 == 0);
        List<String> inEventTime =
                runStamped(AnomalyPatterns.slowPuncture(THRESHOLDS), race, false);
        assertThat(inEventTime.stream().map(a -> a.split(" ")[1]).distinct())
                .containsExactlyInAnyOrder(String.valueOf(LEC), String.valueOf(STEADY));
        assertThat(inEventTime).hasSizeGreaterThan(20);
        assertThat(runStamped(AnomalyPatterns.slowPunctureWithoutWindow(THRESHOLDS), race, true))
                .isEqualTo(inEventTime);
    }

    /**
     * Runs one rule over the conditions as the job does, each stamped with the time of the sample
     * that closed it: in event time, or in processing time with each match stamped back with the
     * event time of the condition that completed it. Each alert with its record timestamp.
     */
    private static List<String> runStamped(
            AnomalyPatterns.Rule rule, List<CarCondition> conditions, boolean processingTime)
            throws Exception {
        KeyedStream<CarCondition, Integer> byCar = keyedByCar(conditions, c -> c.closedTs);
        TypeInformation<Alert> alertType = TypeInformation.of(Alert.class);
        DataStream<Alert> alerts =
                processingTime
                        ? OrderedCep.matches(
                                byCar,
                                rule.pattern(),
                                rule.toAlert(),
                                c -> c.closedTs,
                                alertType,
                                "cep",
                                "CEP")
                        : CEP.pattern(byCar, rule.pattern())
                                .inEventTime()
                                .process(rule.toAlert(), alertType);
        DataStream<String> stamped =
                alerts.process(
                        new ProcessFunction<Alert, String>() {
                            @Override
                            public void processElement(
                                    Alert a, Context ctx, Collector<String> out) {
                                out.collect(
                                        String.join(
                                                " ",
                                                String.valueOf(ctx.timestamp()),
                                                String.valueOf(a.car),
                                                a.type,
                                                String.valueOf(a.startTs),
                                                String.valueOf(a.endTs),
                                                a.severity,
                                                a.evidence));
                            }
                        });
        List<String> out = new ArrayList<>();
        try (CloseableIterator<String> it = stamped.executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }
}
