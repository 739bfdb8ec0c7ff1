package dev.streamwall.generators.f1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.streamwall.wire.Json;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RaceSimulatorTest {

    private static final double KMH_TOLERANCE = 1.0;

    private static RaceConfig shortRace;
    private static List<Telemetry> shortSamples;
    private static Map<Integer, List<Telemetry>> shortByCar;

    @BeforeAll
    static void runShortRace() {
        shortRace = Races.shortGreenRace();
        shortSamples = Races.run(shortRace);
        shortByCar = Races.byCar(shortSamples);
    }

    @Test
    void sameSeedGivesTheSameRaceAndAnotherSeedAnotherRace() throws Exception {
        RaceConfig full = RaceConfig.builder().build();
        assertThat(hashOfFirst(full, 200_000)).isEqualTo(hashOfFirst(full, 200_000));
        assertThat(hashOfFirst(full.toBuilder().seed(43).build(), 200_000))
                .isNotEqualTo(hashOfFirst(full, 200_000));

        RaceConfig small = RaceConfig.builder().seed(3).cars(5).laps(9).sampleHz(20).build();
        assertThat(hashOfFirst(small, Long.MAX_VALUE))
                .isEqualTo(hashOfFirst(small, Long.MAX_VALUE));
    }

    @Test
    void theRaceIsTheSameAtEverySampleRate() {
        RaceConfig at10 = RaceConfig.builder().seed(11).cars(6).laps(10).sampleHz(10).build();
        RaceSimulator a = drain(new RaceSimulator(at10));
        RaceSimulator b = drain(new RaceSimulator(at10.toBuilder().sampleHz(4).build()));
        assertThat(b.labels()).usingRecursiveFieldByFieldElementComparator().isEqualTo(a.labels());
        assertThat(b.classification()).isEqualTo(a.classification());
    }

    @Test
    void samplesComeInEventTimeOrderThenByCar() {
        for (int i = 1; i < shortSamples.size(); i++) {
            Telemetry p = shortSamples.get(i - 1);
            Telemetry t = shortSamples.get(i);
            assertThat(t.ts > p.ts || (t.ts == p.ts && t.car > p.car))
                    .as("sample %d (%s) after %s", i, t, p)
                    .isTrue();
        }
        assertThat(shortSamples.get(0).ts).isEqualTo(shortRace.startTime());
    }

    @Test
    void everyCarDrivesAllLapsThenAShortCoolDownLap() {
        assertThat(shortByCar).hasSize(4);
        for (List<Telemetry> car : shortByCar.values()) {
            List<Integer> laps = car.stream().map(t -> t.lap).distinct().toList();
            assertThat(laps).containsExactly(1, 2, 3, 4, 5, 6);
            List<Telemetry> coolDown = car.stream().filter(t -> t.lap == 6).toList();
            double seconds = (coolDown.get(coolDown.size() - 1).ts - coolDown.get(0).ts) / 1000.0;
            assertThat(seconds).isBetween(4.0, 5.5);
            assertThat(coolDown).allMatch(t -> t.trackStatus.equals("CHEQUERED"));
            assertThat(car).allMatch(t -> t.totalLaps == 5);
        }
    }

    @Test
    void greenLapTimesArePlausible() {
        for (List<Telemetry> car : shortByCar.values()) {
            Map<Integer, Double> times = Races.lapTimes(car);
            List<Integer> pit = Races.pitLaps(car);
            for (Map.Entry<Integer, Double> e : times.entrySet()) {
                if (e.getKey() == 1 || e.getKey() > 5 || pit.contains(e.getKey())) {
                    continue;
                }
                assertThat(e.getValue())
                        .as("car %d lap %d", car.get(0).car, e.getKey())
                        .isBetween(87.5, 96.0);
            }
            if (!pit.contains(1)) {
                assertThat(times.get(1)).as("standing start lap").isBetween(92.0, 105.0);
            }
        }
    }

    @Test
    void aPlannedStopChangesCompoundAndResetsTyreAge() {
        for (List<Telemetry> car : shortByCar.values()) {
            int number = car.get(0).car;
            List<Integer> pitLaps = Races.pitLaps(car);
            assertThat(pitLaps).as("car %d pits", number).isNotEmpty();
            List<String> compounds = car.stream().map(t -> t.tyreCompound).distinct().toList();
            assertThat(compounds)
                    .as("two-compound rule, car %d", number)
                    .hasSizeGreaterThanOrEqualTo(2);

            List<Telemetry> inPit = car.stream().filter(t -> t.inPit).toList();
            assertThat(inPit)
                    .allSatisfy(t -> assertThat(t.speed).isLessThanOrEqualTo(80 + KMH_TOLERANCE));
            List<Telemetry> stationary = inPit.stream().filter(t -> t.speed == 0).toList();
            double stopSeconds = stationary.size() / (double) shortRace.sampleHz();
            assertThat(stopSeconds).isBetween(1.9, 3.6);

            Telemetry before = stationary.get(0);
            Telemetry after =
                    car.stream()
                            .filter(t -> t.ts > before.ts && t.speed > 0)
                            .findFirst()
                            .orElseThrow();
            assertThat(after.tyreCompound).isNotEqualTo(before.tyreCompound);
            assertThat(after.tyreAge).isZero();
            assertThat(after.tyreWear).isLessThan(1.0);
            assertThat(after.tyreTempFl).isBetween(60.0, 76.0);
            // The boxes are before the timing line: the out-lap starts just after the stop.
            assertThat(after.lap).isEqualTo(before.lap);
            Telemetry outLap =
                    car.stream().filter(t -> t.lap == before.lap + 1).findFirst().orElseThrow();
            assertThat(outLap.inPit).isTrue();
            assertThat(outLap.tyreAge).isZero();
            Telemetry lapLater =
                    car.stream().filter(t -> t.lap == before.lap + 2).findFirst().orElseThrow();
            assertThat(lapLater.tyreAge).isEqualTo(1);
        }
    }

    @Test
    void aStopCostsAboutTwentySeconds() {
        RaceConfig config =
                RaceConfig.builder()
                        .seed(5)
                        .cars(2)
                        .laps(12)
                        .sampleHz(5)
                        .noFaults()
                        .noNeutralisations()
                        .build();
        Map<Integer, List<Telemetry>> cars = Races.byCar(Races.run(config));
        for (List<Telemetry> car : cars.values()) {
            Map<Integer, Double> times = Races.lapTimes(car);
            List<Integer> pit = Races.pitLaps(car);
            int inLap = pit.get(0);
            assertThat(pit).contains(inLap + 1);
            double normal = (times.get(inLap - 1) + times.get(inLap + 2)) / 2;
            double loss = times.get(inLap) + times.get(inLap + 1) - 2 * normal;
            assertThat(loss).as("pit loss of car %d", car.get(0).car).isBetween(17.0, 25.0);
        }
    }

    @Test
    void positionsAndGapsDescribeTheRunningOrder() {
        for (Telemetry t : shortSamples) {
            assertThat(t.position).isBetween(1, 4);
            if (t.position == 1) {
                assertThat(t.gapAhead).isNull();
            } else {
                assertThat(t.gapAhead).isNotNull().isGreaterThanOrEqualTo(0.0);
            }
            if (t.position == 4) {
                assertThat(t.gapBehind).isNull();
            } else {
                assertThat(t.gapBehind).isNotNull();
            }
        }
        long ts = shortRace.startTime() + 200_000;
        List<Telemetry> atOnce = shortSamples.stream().filter(t -> t.ts == ts).toList();
        assertThat(atOnce).hasSize(4);
        assertThat(atOnce.stream().map(t -> t.position).sorted().toList())
                .containsExactly(1, 2, 3, 4);
    }

    @Test
    void channelsStayInTheirPhysicalRanges() {
        RaceConfig config =
                RaceConfig.builder()
                        .seed(21)
                        .cars(6)
                        .laps(12)
                        .sampleHz(10)
                        .noFaults()
                        .noNeutralisations()
                        .build();
        List<Telemetry> samples = Races.run(config);
        double peakBrake = 0;
        for (Telemetry t : samples) {
            assertThat(t.speed).isBetween(0.0, 340.0);
            assertThat(t.throttle).isBetween(0.0, 100.0);
            assertThat(t.brake).isBetween(0.0, 100.0);
            assertThat(t.gear).isBetween(1, 8);
            assertThat(t.rpm).isBetween(4_000, 12_500);
            assertThat(Math.abs(t.gLat)).isLessThanOrEqualTo(6.0);
            assertThat(t.gLong).isBetween(-5.6, 1.6);
            assertThat(t.engineTemp).isBetween(95.0, FaultSignatures.NORMAL_ENGINE_MAX_C);
            assertThat(t.maxBrakeTemp()).isLessThanOrEqualTo(FaultSignatures.NORMAL_BRAKE_MAX_C);
            assertThat(t.tyreWear).isBetween(0.0, TyreSpec.CLIFF_WEAR_PERCENT);
            assertThat(t.sector).isEqualTo(config.circuit().sector(t.lapDistance));
            assertThat(t.lapDistance).isBetween(0.0, config.circuit().length);
            if (t.lap > 1) {
                for (double p :
                        new double[] {
                            t.tyrePressureFl, t.tyrePressureFr, t.tyrePressureRl, t.tyrePressureRr
                        }) {
                    assertThat(p).isBetween(FaultSignatures.NORMAL_TYRE_PRESSURE_MIN_PSI, 25.5);
                }
            }
            if (t.lap > 2 && !t.inPit && t.trackStatus.equals("GREEN") && t.tyreAge > 0) {
                double min =
                        Math.min(
                                Math.min(t.tyreTempFl, t.tyreTempFr),
                                Math.min(t.tyreTempRl, t.tyreTempRr));
                assertThat(min).as("%s", t).isBetween(88.0, 112.0);
                assertThat(t.maxTyreTemp() - min)
                        .isLessThanOrEqualTo(FaultSignatures.NORMAL_TYRE_TEMP_SPREAD_MAX_C);
            }
            peakBrake = Math.max(peakBrake, t.maxBrakeTemp());
        }
        assertThat(peakBrake).isBetween(700.0, 1000.0);
        assertThat(
                        samples.stream()
                                .filter(t -> t.speed > 290)
                                .mapToDouble(t -> t.brakeTempRr)
                                .max()
                                .orElseThrow())
                .isLessThan(650.0);
        assertThat(samples.stream().filter(t -> t.drs).count()).isPositive();
    }

    @Test
    void consecutiveAnalogSamplesNeverRepeatExactly() {
        for (List<Telemetry> car : shortByCar.values()) {
            for (int i = 1; i < car.size(); i++) {
                for (String ch : Races.ANALOG) {
                    assertThat(Races.channel(car.get(i), ch))
                            .as("car %d %s at %d", car.get(i).car, ch, car.get(i).ts)
                            .isNotEqualTo(Races.channel(car.get(i - 1), ch));
                }
                if (car.get(i).speed > 0) {
                    assertThat(car.get(i).speed).isNotEqualTo(car.get(i - 1).speed);
                }
            }
        }
    }

    @Test
    void fuelStartsAtARaceLoadAndEndsWithOneToTwoKilograms() {
        RaceSimulator full = new RaceSimulator(RaceConfig.builder().build());
        for (int i = 0; i < 20; i++) {
            assertThat(full.next().fuel).isBetween(99.0, 106.0);
        }
        for (List<Telemetry> car : shortByCar.values()) {
            Telemetry atFlag = car.stream().filter(t -> t.lap == 6).findFirst().orElseThrow();
            assertThat(atFlag.fuel).isBetween(0.9, 2.1);
            assertThat(car.get(0).fuel).isBetween(9.0, 12.0);
        }
    }

    @Test
    void aCarThatNeverPitsRunsPastTheCliffAndSlowsSharply() {
        RaceConfig config =
                RaceConfig.builder()
                        .seed(9)
                        .cars(4)
                        .laps(25)
                        .sampleHz(10)
                        .noPitCar(16)
                        .noFaults()
                        .noNeutralisations()
                        .build();
        List<Telemetry> car = Races.byCar(Races.run(config)).get(16);
        assertThat(car).noneMatch(t -> t.inPit);
        assertThat(car.stream().map(t -> t.tyreCompound).distinct().toList())
                .containsExactly("SOFT");
        // The first lap driven entirely past the cliff.
        int cliffLap =
                car.stream()
                                .filter(t -> t.tyreWear >= TyreSpec.CLIFF_WEAR_PERCENT)
                                .findFirst()
                                .orElseThrow()
                                .lap
                        + 1;
        assertThat(cliffLap).isBetween(12, 22);
        Map<Integer, Double> times = Races.lapTimes(car);
        double first = times.get(cliffLap) - times.get(cliffLap - 1);
        double second = times.get(cliffLap + 1) - times.get(cliffLap);
        double third = times.get(cliffLap + 2) - times.get(cliffLap + 1);
        assertThat(first).isGreaterThanOrEqualTo(1.0);
        assertThat(second).isGreaterThanOrEqualTo(1.5);
        assertThat(third).isGreaterThan(second);

        int early = 5;
        int late = cliffLap - 3;
        double fuelEarly = car.stream().filter(t -> t.lap == early).findFirst().orElseThrow().fuel;
        double fuelLate = car.stream().filter(t -> t.lap == late).findFirst().orElseThrow().fuel;
        double fuelCorrected = times.get(late) - times.get(early) + 0.03 * (fuelEarly - fuelLate);
        assertThat(fuelCorrected / (late - early))
                .as("degradation per lap of age")
                .isBetween(0.03, 0.15);
    }

    @Test
    void safetyCarBunchesTheFieldAndVirtualSafetyCarSlowsEveryone() {
        RaceConfig config =
                RaceConfig.builder()
                        .seed(4)
                        .cars(8)
                        .laps(14)
                        .sampleHz(5)
                        .noFaults()
                        .neutralisations(
                                List.of(
                                        Neutralisation.vsc(3, 0.0, 100),
                                        Neutralisation.safetyCar(7, 0.3, 3)))
                        .build();
        List<Telemetry> samples = Races.run(config);
        List<Telemetry> sc = samples.stream().filter(t -> t.trackStatus.equals("SC")).toList();
        assertThat(sc).isNotEmpty();
        long lastScTs = sc.get(sc.size() - 1).ts;
        List<Telemetry> endOfSc = samples.stream().filter(t -> t.ts == lastScTs).toList();
        for (Telemetry t : endOfSc) {
            if (t.gapAhead != null && !t.inPit) {
                assertThat(t.gapAhead).as("car %d at the end of the SC", t.car).isLessThan(2.0);
            }
        }
        List<Telemetry> leader =
                Races.byCar(samples)
                        .get(
                                endOfSc.stream()
                                        .filter(t -> t.position == 1)
                                        .findFirst()
                                        .orElseThrow()
                                        .car);
        Map<Integer, Double> times = Races.lapTimes(leader);
        assertThat(times.get(8)).as("a full lap behind the safety car").isBetween(120.0, 170.0);
        long vscStart =
                samples.stream()
                        .filter(t -> t.trackStatus.equals("VSC"))
                        .findFirst()
                        .orElseThrow()
                        .ts;
        assertThat(
                        samples.stream()
                                .filter(t -> t.trackStatus.equals("VSC") && t.ts > vscStart + 3000)
                                .mapToDouble(t -> t.speed)
                                .max()
                                .orElseThrow())
                .isLessThan(250.0);
        assertThat(
                        samples.stream()
                                        .filter(t -> t.trackStatus.equals("VSC"))
                                        .map(t -> t.ts)
                                        .distinct()
                                        .count()
                                / 5.0)
                .isCloseTo(100.0, within(1.0));
    }

    @Test
    void countEventsMatchesTheSamplesProduced() {
        assertThat(RaceSimulator.countEvents(shortRace)).isEqualTo(shortSamples.size());
        RaceConfig withFaults = RaceConfig.builder().seed(2).cars(6).laps(9).sampleHz(5).build();
        assertThat(RaceSimulator.countEvents(withFaults)).isEqualTo(Races.run(withFaults).size());
    }

    @Test
    void strategiesRespectTheTwoCompoundRuleAndTyreLife() {
        RaceSimulator sim = new RaceSimulator(RaceConfig.builder().seed(77).build());
        int twoStops = 0;
        for (Grid.Entry e : Grid.DEFAULT.entries()) {
            PitStrategy s = sim.strategy(e.car());
            assertThat(s.compounds().stream().distinct().count()).isGreaterThanOrEqualTo(2);
            assertThat(s.stops()).isBetween(1, 2);
            assertThat(s.stopLaps()).isSorted().allMatch(l -> l >= 1 && l < 52);
            twoStops += s.stops() == 2 ? 1 : 0;
        }
        assertThat(twoStops).isLessThan(15);
    }

    private static RaceSimulator drain(RaceSimulator sim) {
        while (sim.hasNext()) {
            sim.next();
        }
        return sim;
    }

    private static String hashOfFirst(RaceConfig config, long n) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        RaceSimulator sim = new RaceSimulator(config);
        List<FaultLabel> labels = new ArrayList<>();
        for (long i = 0; i < n && sim.hasNext(); i++) {
            digest.update(Json.toBytes(sim.next()));
        }
        labels.addAll(sim.labels());
        digest.update(Json.toBytes(labels));
        return HexFormat.of().formatHex(digest.digest());
    }
}
