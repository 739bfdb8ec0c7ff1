package dev.streamwall.generators.f1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

    private static final int HZ = 10;
    private static final long SAMPLE_MS = 1000 / HZ;
    private static final int LAPS = 14;

    private static RaceConfig config;
    private static Map<Integer, List<Telemetry>> byCar;
    private static List<FaultLabel> labels;
    private static final Map<FaultType, FaultLabel> LABEL_BY_TYPE = new EnumMap<>(FaultType.class);

    @BeforeAll
    static void runRaceWithEveryFault() {
        config = RaceConfig.builder().seed(12).cars(8).laps(LAPS).sampleHz(HZ).build();
        RaceSimulator sim = new RaceSimulator(config);
        List<Telemetry> samples = new java.util.ArrayList<>();
        while (sim.hasNext()) {
            samples.add(sim.next());
        }
        byCar = Races.byCar(samples);
        labels = sim.labels();
        for (FaultLabel l : labels) {
            LABEL_BY_TYPE.put(FaultType.valueOf(l.fault), l);
        }
    }

    @Test
    void everyFaultIsLabelledOnItsOwnCarAwayFromTheStartAndTheFlag() {
        assertThat(LABEL_BY_TYPE.keySet()).containsExactlyInAnyOrder(FaultType.values());
        Set<Integer> cars = new HashSet<>();
        for (FaultLabel l : labels) {
            assertThat(cars.add(l.car)).as("one fault per car: %s", l).isTrue();
            assertThat(l.raceId).isEqualTo(config.raceId());
            assertThat(l.endTs).isGreaterThan(l.startTs);
            List<Telemetry> car = byCar.get(l.car);
            int startLap = lapAt(car, l.startTs);
            int endLap = lapAt(car, l.endTs);
            assertThat(startLap).as("%s starts on lap", l).isGreaterThanOrEqualTo(3);
            assertThat(endLap).as("%s ends on lap", l).isLessThanOrEqualTo(LAPS - 3);
        }
    }

    @Test
    void brakeOverheatHoldsTheCornerAboveTheThreshold() {
        FaultLabel l = LABEL_BY_TYPE.get(FaultType.BRAKE_OVERHEAT);
        assertThat(l.channel).startsWith("brake_temp_");
        assertThat(l.endTs - l.startTs).isBetween(60_000L, 120_000L);
        List<Telemetry> inside = window(l.car, l.startTs, l.endTs);
        assertThat(inside).hasSizeGreaterThan(590);
        for (Telemetry t : inside) {
            assertThat(Races.channel(t, l.channel))
                    .isBetween(FaultSignatures.BRAKE_OVERHEAT_MIN_C, 1350.0);
        }
        long ramp = FaultSignatures.BRAKE_RAMP_MS;
        for (Telemetry t : byCar.get(l.car)) {
            if (t.ts < l.startTs - ramp || t.ts > l.endTs + ramp) {
                assertThat(t.maxBrakeTemp())
                        .isLessThanOrEqualTo(FaultSignatures.NORMAL_BRAKE_MAX_C);
            }
        }
    }

    @Test
    void slowPunctureLosesPressureSteadilyAndHeatsTheTyreUntilTheStop() {
        FaultLabel l = LABEL_BY_TYPE.get(FaultType.SLOW_PUNCTURE);
        assertThat(l.channel).startsWith("tyre_pressure_");
        String corner = l.channel.substring("tyre_pressure_".length());
        String temp = "tyre_temp_" + corner;
        assertThat(l.endTs - l.startTs).isBetween(85_000L, 200_000L);
        List<Telemetry> inside = window(l.car, l.startTs, l.endTs - 1);
        double startPressure = Races.channel(inside.get(0), l.channel);
        Telemetry last = inside.get(inside.size() - 1);
        double drop = startPressure - Races.channel(last, l.channel);
        assertThat(drop).isBetween(FaultSignatures.PUNCTURE_MIN_DROP_PSI, 6.0);
        // Falling every 10 s: never recovers while the tyre stays on.
        for (int i = 100; i < inside.size(); i += 100) {
            assertThat(Races.channel(inside.get(i), l.channel))
                    .isLessThan(Races.channel(inside.get(i - 100), l.channel));
        }
        double others = 0;
        for (String c : List.of("fl", "fr", "rl", "rr")) {
            if (!c.equals(corner)) {
                others = Math.max(others, Races.channel(last, "tyre_temp_" + c));
            }
        }
        assertThat(Races.channel(last, temp) - others)
                .isBetween(FaultSignatures.PUNCTURE_TYRE_TEMP_EXCESS_MIN_C, 25.0);
        // It ends with a stop: new tyres, pressure back to normal.
        assertThat(last.inPit).isTrue();
        Telemetry afterStop =
                byCar.get(l.car).stream()
                        .filter(t -> t.ts > l.endTs && t.speed > 0)
                        .findFirst()
                        .orElseThrow();
        assertThat(Races.channel(afterStop, l.channel))
                .isGreaterThan(FaultSignatures.NORMAL_TYRE_PRESSURE_MIN_PSI);
        assertThat(afterStop.tyreWear).isLessThan(1.0);
    }

    @Test
    void engineOverheatRampsHoldsAndRecovers() {
        FaultLabel l = LABEL_BY_TYPE.get(FaultType.ENGINE_OVERHEAT);
        assertThat(l.channel).isEqualTo("engine_temp");
        assertThat(l.endTs - l.startTs).isBetween(75_000L, 95_000L);
        List<Telemetry> inside = window(l.car, l.startTs, l.endTs);
        double peak = inside.stream().mapToDouble(t -> t.engineTemp).max().orElseThrow();
        assertThat(peak).isBetween(FaultSignatures.ENGINE_OVERHEAT_PEAK_MIN_C, 141.0);
        long hot =
                inside.stream()
                        .filter(t -> t.engineTemp >= FaultSignatures.ENGINE_OVERHEAT_PEAK_MIN_C)
                        .count();
        assertThat(hot * SAMPLE_MS).isGreaterThanOrEqualTo(50_000L);
        assertThat(inside.get(0).engineTemp).isLessThan(FaultSignatures.NORMAL_ENGINE_MAX_C);
        for (Telemetry t : byCar.get(l.car)) {
            if (t.ts < l.startTs || t.ts > l.endTs + 45_000) {
                assertThat(t.engineTemp).isLessThanOrEqualTo(FaultSignatures.NORMAL_ENGINE_MAX_C);
            }
        }
    }

    @Test
    void stuckSensorRepeatsExactlyOneValue() {
        FaultLabel l = LABEL_BY_TYPE.get(FaultType.STUCK_SENSOR);
        assertThat(l.endTs - l.startTs).isBetween(30_000L, 60_000L);
        List<Telemetry> inside = window(l.car, l.startTs, l.endTs);
        assertThat(inside.size()).isGreaterThanOrEqualTo(300);
        double value = Races.channel(inside.get(0), l.channel);
        assertThat(inside)
                .allSatisfy(t -> assertThat(Races.channel(t, l.channel)).isEqualTo(value));
        List<Telemetry> car = byCar.get(l.car);
        for (int i = 1; i < car.size(); i++) {
            Telemetry t = car.get(i);
            if (t.ts > l.endTs || t.ts <= l.startTs) {
                assertThat(Races.channel(t, l.channel))
                        .isNotEqualTo(Races.channel(car.get(i - 1), l.channel));
            }
        }
    }

    @Test
    void sensorDropoutSilencesTheCarForFiveToTenSeconds() {
        FaultLabel l = LABEL_BY_TYPE.get(FaultType.SENSOR_DROPOUT);
        assertThat(l.channel).isNull();
        assertThat(l.endTs - l.startTs).isBetween(FaultSignatures.DROPOUT_MIN_MS, 10_000L);
        assertThat(window(l.car, l.startTs, l.endTs)).isEmpty();
        List<Telemetry> car = byCar.get(l.car);
        Telemetry before =
                car.stream().filter(t -> t.ts < l.startTs).reduce((a, b) -> b).orElseThrow();
        Telemetry after = car.stream().filter(t -> t.ts > l.endTs).findFirst().orElseThrow();
        assertThat(after.ts - before.ts).isBetween(FaultSignatures.DROPOUT_MIN_MS, 10_200L);
        // The car kept driving while silent.
        assertThat(
                        after.lapDistance
                                + (after.lap - before.lap) * config.circuit().length
                                - before.lapDistance)
                .isGreaterThan(100.0);
    }

    @Test
    void cleanCarsShowNoFaultSignature() {
        Set<Integer> faulty = new HashSet<>();
        labels.forEach(l -> faulty.add(l.car));
        int clean = 0;
        for (Map.Entry<Integer, List<Telemetry>> e : byCar.entrySet()) {
            if (faulty.contains(e.getKey())) {
                continue;
            }
            clean++;
            List<Telemetry> car = e.getValue();
            for (int i = 0; i < car.size(); i++) {
                Telemetry t = car.get(i);
                assertThat(t.maxBrakeTemp())
                        .isLessThanOrEqualTo(FaultSignatures.NORMAL_BRAKE_MAX_C);
                assertThat(t.engineTemp).isLessThanOrEqualTo(FaultSignatures.NORMAL_ENGINE_MAX_C);
                if (t.lap > 1) {
                    assertThat(
                                    Math.min(
                                            Math.min(t.tyrePressureFl, t.tyrePressureFr),
                                            Math.min(t.tyrePressureRl, t.tyrePressureRr)))
                            .isGreaterThanOrEqualTo(FaultSignatures.NORMAL_TYRE_PRESSURE_MIN_PSI);
                }
                if (i > 0) {
                    Telemetry p = car.get(i - 1);
                    assertThat(t.ts - p.ts)
                            .as("car %d never goes silent", t.car)
                            .isEqualTo(SAMPLE_MS);
                    for (String ch : Races.ANALOG) {
                        assertThat(Races.channel(t, ch)).isNotEqualTo(Races.channel(p, ch));
                    }
                }
            }
        }
        assertThat(clean).isEqualTo(3);
    }

    @Test
    void explicitFaultsGoWhereTheyArePinned() {
        RaceConfig pinned =
                RaceConfig.builder()
                        .seed(3)
                        .cars(6)
                        .laps(9)
                        .sampleHz(5)
                        .faults(
                                List.of(
                                        FaultSpec.of(FaultType.STUCK_SENSOR, 44),
                                        FaultSpec.of(FaultType.SENSOR_DROPOUT)))
                        .build();
        RaceSimulator sim = new RaceSimulator(pinned);
        while (sim.hasNext()) {
            sim.next();
        }
        assertThat(sim.labels()).hasSize(2);
        assertThat(sim.labels())
                .anySatisfy(
                        l -> {
                            assertThat(l.fault).isEqualTo("STUCK_SENSOR");
                            assertThat(l.car).isEqualTo(44);
                        });
        assertThat(sim.labels())
                .anySatisfy(
                        l -> {
                            assertThat(l.fault).isEqualTo("SENSOR_DROPOUT");
                            assertThat(l.car).isNotEqualTo(44);
                        });
    }

    @Test
    void faultsNeedARaceLongEnoughToHoldThem() {
        assertThat(RaceSimulator.countEvents(Races.shortGreenRace())).isPositive();
        RaceSimulator sim =
                new RaceSimulator(RaceConfig.builder().cars(4).laps(5).sampleHz(1).build());
        assertThat(sim.plannedFaults()).isEmpty();
        assertThatThrownBy(
                        () -> RaceConfig.builder().laps(5).faults(FaultType.BRAKE_OVERHEAT).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 8 laps");
        assertThatThrownBy(
                        () ->
                                RaceConfig.builder()
                                        .cars(2)
                                        .laps(20)
                                        .faults(FaultType.values())
                                        .build())
                .hasMessageContaining("distinct cars");
    }

    private static List<Telemetry> window(int car, long from, long to) {
        return byCar.get(car).stream().filter(t -> t.ts >= from && t.ts <= to).toList();
    }

    private static int lapAt(List<Telemetry> car, long ts) {
        Telemetry at = car.get(0);
        for (Telemetry t : car) {
            if (t.ts > ts) {
                break;
            }
            at = t;
        }
        return at.lap;
    }
}
