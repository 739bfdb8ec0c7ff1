package dev.streamwall.generators.factory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamwall.generators.wire.SideRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlantSimulatorTest {

    private static final Duration SIM = Duration.ofHours(4);

    private static PlantConfig plant(String faults) {
        return PlantConfig.defaults().withMachines(6).withDuration(SIM).withFaults(faults);
    }

    private static List<SensorReading> all(PlantConfig c) {
        PlantSimulator sim = new PlantSimulator(c);
        List<SensorReading> out = new ArrayList<>();
        while (sim.hasNext()) {
            out.add(sim.next());
        }
        return out;
    }

    private static List<Double> series(List<SensorReading> rs, String machine, String sensor) {
        return rs.stream()
                .filter(r -> r.machine.equals(machine) && r.sensor.equals(sensor))
                .map(r -> r.value)
                .toList();
    }

    @Test
    void theSameSeedGivesTheSameReadingsInEventTimeOrder() {
        PlantConfig c = plant("all");
        List<SensorReading> a = all(c);
        List<SensorReading> b = all(c);
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i += 997) {
            assertThat(a.get(i).toString()).isEqualTo(b.get(i).toString());
        }
        for (int i = 1; i < a.size(); i++) {
            assertThat(a.get(i).ts).isGreaterThanOrEqualTo(a.get(i - 1).ts);
        }
        assertThat(PlantSimulator.countEvents(c)).isEqualTo(a.size());
        assertThat(all(c.withSeed(7)).get(100).value).isNotEqualTo(a.get(100).value);
    }

    @Test
    void healthyMachinesStayInTheSeedsNormalRangesOnceWarm() {
        PlantConfig c = plant("none").withMachines(10);
        long warm = c.start().toEpochMilli() + Duration.ofMinutes(30).toMillis();
        for (SensorReading r : all(c.withSpikesPerHour(0))) {
            if (r.ts < warm) {
                continue;
            }
            Sensor s = Sensor.fromName(r.sensor);
            assertThat(r.value).as("%s", r).isBetween(s.normalMin(), s.normalMax());
        }
    }

    @Test
    void machinesStartColdAndWarmUpSlowly() {
        List<Double> temp = series(all(plant("none").withSpikesPerHour(0)), "M01", "temp");
        assertThat(temp.get(0)).isLessThan(30);
        assertThat(temp.get(20 * 60)).isGreaterThan(55);
        for (int i = 1; i < 20 * 60; i++) {
            assertThat(Math.abs(temp.get(i) - temp.get(i - 1))).isLessThan(2.0);
        }
    }

    @Test
    void everyFaultHasItsSignatureAndALabel() {
        PlantConfig c =
                plant(
                                "bearing_wear@M01+30m,overheating@M02+40m,pressure_leak@M03+40m,"
                                        + "stuck_sensor@M04+40m")
                        .withSpikesPerHour(0);
        PlantSimulator sim = new PlantSimulator(c);
        List<SensorReading> rs = new ArrayList<>();
        List<FactoryLabel> labels = new ArrayList<>();
        while (sim.hasNext()) {
            rs.add(sim.next());
            for (SideRecord s : sim.pollSideRecords()) {
                assertThat(s.topic()).isEqualTo(PlantSimulator.DEFAULT_LABELS_TOPIC);
                labels.add((FactoryLabel) s.value());
            }
        }
        assertThat(labels)
                .extracting(l -> l.machine + " " + l.fault)
                .containsExactly(
                        "M01 BEARING_WEAR",
                        "M02 OVERHEATING",
                        "M03 PRESSURE_LEAK",
                        "M04 STUCK_SENSOR");
        Map<String, FactoryLabel> byMachine = new HashMap<>();
        labels.forEach(l -> byMachine.put(l.machine, l));
        int onset = 30 * 60;

        List<Double> vib = series(rs, "M01", "vibration");
        List<Double> temp = series(rs, "M01", "temp");
        FactoryLabel bearing = byMachine.get("M01");
        int failure = (int) ((bearing.failureTs - c.start().toEpochMilli()) / 1000);
        assertThat(vib.get(onset + 50 * 60)).isGreaterThan(vib.get(onset - 60) + 1.5);
        assertThat(Math.abs(temp.get(onset + 30 * 60) - temp.get(onset - 60))).isLessThan(6);
        assertThat(temp.get(failure - 1)).isGreaterThan(temp.get(onset - 60) + 18);
        assertThat(rs)
                .filteredOn(
                        r ->
                                r.machine.equals("M01")
                                        && r.ts >= bearing.failureTs
                                        && r.ts < bearing.failureTs + c.repairTime().toMillis())
                .as("the machine is down for the repair")
                .isEmpty();

        List<Double> hot = series(rs, "M02", "temp");
        assertThat(hot.get(40 * 60 + 15 * 60)).isGreaterThan(hot.get(40 * 60 - 60) + 15);

        List<Double> pressure = series(rs, "M03", "pressure");
        assertThat(pressure.get(40 * 60 + 35 * 60)).isLessThan(pressure.get(40 * 60 - 60) - 0.7);

        FactoryLabel stuck = byMachine.get("M04");
        List<Double> stuckSeries = series(rs, "M04", stuck.sensor);
        int from = 40 * 60;
        int to = (int) ((stuck.endTs - c.start().toEpochMilli()) / 1000);
        assertThat(stuckSeries.subList(from, to)).containsOnly(stuckSeries.get(from));
        assertThat(stuckSeries.get(to + 1)).isNotEqualTo(stuckSeries.get(from));
    }

    @Test
    void noiseSpikesAreLabelledAndRevertAtOnce() {
        PlantConfig c = plant("none").withSpikesPerHour(3);
        List<FactoryLabel> labels = PlantSimulator.allLabels(c);
        assertThat(labels)
                .isNotEmpty()
                .allSatisfy(
                        l -> {
                            assertThat(l.type()).isEqualTo(FactoryFaultType.NOISE_SPIKE);
                            assertThat(l.endTs - l.startTs).isLessThanOrEqualTo(1000);
                        });
        List<SensorReading> rs = all(c);
        FactoryLabel spike = labels.get(labels.size() / 2);
        List<SensorReading> s =
                rs.stream()
                        .filter(
                                r ->
                                        r.machine.equals(spike.machine)
                                                && r.sensor.equals(spike.sensor))
                        .toList();
        int i = 0;
        while (s.get(i).ts != spike.startTs) {
            i++;
        }
        double before = s.get(i - 1).value;
        double after = s.get(i + 3).value;
        double tolerance = Sensor.fromName(spike.sensor) == Sensor.TEMP ? 3 : 0.4;
        assertThat(Math.abs(s.get(i).value - before)).isGreaterThan(tolerance);
        assertThat(Math.abs(after - before)).isLessThan(tolerance);
    }

    @Test
    void theDefaultPlanScalesWithThePlantAndRejectsImpossiblePlans() {
        assertThat(new PlantSimulator(PlantConfig.defaults().withDuration(SIM)).plannedFaults())
                .hasSize(14);
        assertThat(new PlantSimulator(plant("default")).plannedFaults()).hasSize(4);
        assertThatThrownBy(() -> new PlantSimulator(plant("overheating@M99")))
                .hasMessageContaining("M99");
        assertThatThrownBy(() -> plant("melting")).hasMessageContaining("unknown fault");
        assertThatThrownBy(() -> new PlantSimulator(plant("overheating@M01,stuck_sensor@M01")))
                .hasMessageContaining("one fault per machine");
    }
}
