package dev.streamwall.generators.city;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.streamwall.generators.wire.SideRecord;
import dev.streamwall.generators.wire.TransportFaultInjector;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.generators.wire.WireFault;
import dev.streamwall.generators.wire.WireRecord;
import dev.streamwall.wire.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CitySimulatorTest {

    private static final Instant WEEKDAY_0630 = Instant.parse("2026-03-03T06:30:00Z");
    private static final Instant SATURDAY_0630 = Instant.parse("2026-03-07T06:30:00Z");

    /** Every truth record of a run, by road, in time order. */
    private static Map<String, List<RoadTruth>> truths(CityConfig config) {
        CitySimulator sim = new CitySimulator(config);
        Map<String, List<RoadTruth>> byRoad = new HashMap<>();
        while (sim.hasNext()) {
            sim.next();
            for (SideRecord r : sim.pollSideRecords()) {
                if (!(r.value() instanceof RoadTruth t)) {
                    continue;
                }
                byRoad.computeIfAbsent(t.road(), k -> new ArrayList<>()).add(t);
            }
        }
        return byRoad;
    }

    @Test
    void publishesTheNetworkBeforeAnyTruth() {
        CitySimulator sim =
                new CitySimulator(CityConfig.defaults().withDuration(Duration.ofMinutes(2)));
        sim.next();
        List<SideRecord> first = sim.pollSideRecords();
        List<RoadRecord> roads =
                first.stream()
                        .filter(r -> r.topic().equals(CitySimulator.DEFAULT_ROADS_TOPIC))
                        .map(r -> (RoadRecord) r.value())
                        .toList();
        assertThat(roads).hasSize(52);
        assertThat(first.get(0).value()).isInstanceOf(RoadRecord.class);
        RoadRecord r07 = roads.stream().filter(r -> r.road.equals("R07")).findFirst().orElseThrow();
        Road road = RoadNetwork.defaultCity().road("R07");
        assertThat(Road.of(r07)).isEqualTo(road);
        assertThat(r07.fromLat).isBetween(45.7, 45.8);
        assertThat(r07.toLon).isBetween(4.8, 4.9);
        while (sim.hasNext()) {
            sim.next();
        }
        assertThat(sim.pollSideRecords())
                .allSatisfy(r -> assertThat(r.value()).isInstanceOf(RoadTruth.class));
    }

    @Test
    void truthGoesOnTheWireWithEveryField() throws Exception {
        RoadTruth t = new RoadTruth(1_772_520_000_000L, "R07", 41.5, 1320.0, 0.18, 0.17, true);
        String json = Json.toString(t);
        assertThat(json).contains("\"speed_kmh\":41.5").contains("\"incident\":true");
        assertThat(Json.MAPPER.readValue(json, RoadTruth.class)).isEqualTo(t);
    }

    private static double congestionAt(List<RoadTruth> truths, Instant at) {
        return truths.stream()
                .filter(t -> t.ts() == at.toEpochMilli())
                .findFirst()
                .orElseThrow()
                .congestion();
    }

    private static double meanCongestion(Map<String, List<RoadTruth>> all, Instant at) {
        return all.values().stream().mapToDouble(l -> congestionAt(l, at)).average().orElseThrow();
    }

    @Test
    void theDefaultCityHasAbout50RoadsAnd100SensorsOnAMap() {
        RoadNetwork city = RoadNetwork.defaultCity();
        assertThat(city.roads()).hasSize(52);
        assertThat(city.junctions().values())
                .allSatisfy(j -> assertThat(j.lat()).isBetween(45.7, 45.8));
        CitySimulator sim =
                new CitySimulator(CityConfig.defaults().withDuration(Duration.ofSeconds(5)));
        List<RoadReading> first = new ArrayList<>();
        while (sim.hasNext()) {
            first.add(sim.next());
        }
        assertThat(first).hasSize(104);
        assertThat(first).extracting(r -> r.sensor).doesNotHaveDuplicates();
    }

    @Test
    void theSameSeedGivesTheSameReadingsAndAnotherSeedOthers() {
        CityConfig config = CityConfig.defaults().withDuration(Duration.ofMinutes(30));
        assertThat(json(config, 3000)).isEqualTo(json(config, 3000));
        assertThat(json(config.withSeed(7), 3000)).isNotEqualTo(json(config, 3000));
    }

    private static List<String> json(CityConfig config, int n) {
        CitySimulator sim = new CitySimulator(config);
        List<String> out = new ArrayList<>();
        while (sim.hasNext() && out.size() < n) {
            out.add(Json.toString(sim.next()));
        }
        return out;
    }

    @Test
    void theWeekdayMorningRushCongestsTheCityAndTheWeekendLess() {
        CityConfig weekday =
                CityConfig.defaults()
                        .withStart(WEEKDAY_0630)
                        .withDuration(Duration.ofHours(2))
                        .withIncidents("", 0);
        Map<String, List<RoadTruth>> w = truths(weekday);
        double early = meanCongestion(w, WEEKDAY_0630.plus(Duration.ofMinutes(10)));
        double rush = meanCongestion(w, WEEKDAY_0630.plus(Duration.ofMinutes(90)));
        assertThat(rush).isGreaterThan(early + 0.1);

        Map<String, List<RoadTruth>> s = truths(weekday.withStart(SATURDAY_0630));
        assertThat(meanCongestion(s, SATURDAY_0630.plus(Duration.ofMinutes(90))))
                .isLessThan(rush / 2);
    }

    @Test
    void aLaneClosureCongestsItsRoadSpillsBackUpstreamAndClears() {
        CityConfig base =
                CityConfig.defaults().withStart(WEEKDAY_0630).withDuration(Duration.ofMinutes(150));
        String road = "R20";
        Map<String, List<RoadTruth>> clear = truths(base.withIncidents("", 0));
        Map<String, List<RoadTruth>> closed = truths(base.withIncidents(road + "@60m+40m", 0));

        Instant during = WEEKDAY_0630.plus(Duration.ofMinutes(90));
        assertThat(congestionAt(closed.get(road), during)).isGreaterThan(0.5);
        assertThat(congestionAt(closed.get(road), during))
                .isGreaterThan(congestionAt(clear.get(road), during) + 0.3);
        assertThat(closed.get(road)).anyMatch(RoadTruth::incident);

        RoadNetwork city = base.network();
        double spill = 0;
        for (Road up : city.upstreamOf(city.road(road))) {
            spill =
                    Math.max(
                            spill,
                            congestionAt(closed.get(up.id()), during)
                                    - congestionAt(clear.get(up.id()), during));
        }
        assertThat(spill).as("congestion spilled back onto a feeding road").isGreaterThan(0.1);

        Instant after = WEEKDAY_0630.plus(Duration.ofMinutes(130)); // 30 min after it reopened
        assertThat(congestionAt(closed.get(road), after))
                .isCloseTo(
                        congestionAt(clear.get(road), after),
                        org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void truthComesOncePerMinuteForEveryRoad() {
        Map<String, List<RoadTruth>> all =
                truths(CityConfig.defaults().withDuration(Duration.ofMinutes(10)));
        assertThat(all).hasSize(52);
        assertThat(all.values()).allSatisfy(l -> assertThat(l).hasSize(10));
    }

    @Test
    void aNetworkLoadsFromCsvAndABadLineIsNamed(@TempDir Path dir) throws IOException {
        Path ok = dir.resolve("net.csv");
        Files.writeString(
                ok,
                "road,from,to,length_m,lanes,free_flow_kmh,capacity_vph,from_lat,from_lon,to_lat,to_lon\n"
                        + "A1,N1,N2,500,2,50,1800,45.0,4.0,45.005,4.0\n"
                        + "A2,N2,N1,500,2,50,1800,,,,\n");
        RoadNetwork net = RoadNetwork.load(ok);
        assertThat(net.roads()).extracting(Road::id).containsExactly("A1", "A2");
        assertThat(net.junctions().get("N2").lat()).isEqualTo(45.005);

        Path bad = dir.resolve("bad.csv");
        Files.writeString(
                bad,
                "road,from,to,length_m,lanes,free_flow_kmh,capacity_vph\nA1,N1,N2,five,2,50,1800\n");
        assertThatThrownBy(() -> RoadNetwork.load(bad))
                .hasMessageContaining("line 2")
                .hasMessageContaining("length_m");
    }

    @Test
    void aNetworkInMilesWithoutLanesOrCapacityTakesTheDefaults(@TempDir Path dir)
            throws IOException {
        Path miles = dir.resolve("miles.csv");
        Files.writeString(
                miles, "road,from,to,length_mi,free_flow_mph,lanes\nAB,A,B,2,62,3\nBA,B,A,1,50,\n");
        RoadNetwork net = RoadNetwork.load(miles);
        Road ab = net.road("AB");
        assertThat(ab.lengthM()).isCloseTo(3218.688, within(1e-9));
        assertThat(ab.freeFlowKmh()).isCloseTo(99.779, within(1e-3));
        assertThat(ab.capacityVph()).isEqualTo(3 * RoadNetwork.DEFAULT_LANE_CAPACITY_VPH);
        assertThat(net.road("BA").lanes()).isEqualTo(1);
        assertThat(net.road("BA").capacityVph()).isEqualTo(RoadNetwork.DEFAULT_LANE_CAPACITY_VPH);

        assertThatThrownBy(() -> RoadNetwork.load(dir.resolve("none.csv")))
                .hasMessageEndingWith("none.csv does not exist or is not a file");
    }

    @Test
    void malformedReadingsAreBrokenTheWaysTheJobMustRecognise() {
        TransportFaultInjector<RoadReading> injector =
                new TransportFaultInjector<>(
                        CityWireFormat.INSTANCE, new TransportFaults(0, 0, 0, 1.0), 3);
        CitySimulator sim =
                new CitySimulator(CityConfig.defaults().withDuration(Duration.ofMinutes(2)));
        Map<WireFault, Integer> kinds = new HashMap<>();
        List<WireRecord> out = new ArrayList<>();
        while (sim.hasNext()) {
            injector.accept(sim.next(), out::add);
        }
        for (WireRecord r : out) {
            kinds.merge(r.fault(), 1, Integer::sum);
            if (r.fault() == WireFault.UNKNOWN_SOURCE) {
                assertThat(r.key()).isEqualTo(CityWireFormat.UNKNOWN_SENSOR);
            }
            if (r.fault() == WireFault.NOT_A_NUMBER) {
                assertThat(r.valueAsString()).containsPattern("\"(speed|flow|occupancy)\":NaN");
            }
        }
        assertThat(kinds.keySet()).containsAll(WireFault.MALFORMED);
    }
}
