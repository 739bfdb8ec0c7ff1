package dev.streamwall.cityflow.functions.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.cityflow.records.Reroute;
import dev.streamwall.generators.city.RoadNetwork;
import dev.streamwall.generators.city.RoadRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {

    static Map<String, RoadRecord> defaultCity() {
        return RoadNetwork.defaultCity().records(0);
    }

    static Router.Drive crawl(RoadRecord r, double kmh) {
        return new Router.Drive(kmh, r.lengthM / 1000.0 / kmh * 60.0);
    }

    private final Router router = new Router(2, 0.5, EmissionFactor.DEFAULT);

    @Test
    void aCrawlingAvenueGetsTwoFasterAlternativesAvoidingIt() {
        Map<String, RoadRecord> roads = defaultCity();
        Map<String, Router.Drive> drives = new HashMap<>();
        drives.put("R20", crawl(roads.get("R20"), 5));
        List<Reroute> reroutes =
                router.reroutes(new Router.Snapshot(roads, drives), "R20", 1000L, 0.9);

        assertThat(reroutes).hasSize(2);
        Reroute best = reroutes.get(0);
        assertThat(best.routeId).as("straight on through R20").isEqualTo("R24>R20>R16");
        assertThat(best.rank).isEqualTo(1);
        assertThat(reroutes.get(1).rank).isEqualTo(2);
        assertThat(reroutes)
                .allSatisfy(
                        r -> {
                            assertThat(r.altRouteId.split(">")).doesNotContain("R20");
                            assertThat(r.origin).isEqualTo(roads.get("R24").from);
                            assertThat(r.destination).isEqualTo(roads.get("R16").to);
                            assertThat(r.etaGainMin)
                                    .isEqualTo(
                                            Math.round((r.routeEtaMin - r.altEtaMin) * 100)
                                                    / 100.0);
                            assertThat(r.altLengthM).isGreaterThan(r.routeLengthM);
                        });
        assertThat(best.etaGainMin).isGreaterThan(3);
        assertThat(best.altEtaMin).isLessThanOrEqualTo(reroutes.get(1).altEtaMin);
        // 700 m at 5 km/h emits more than the 1.4 km detour at 50 km/h.
        assertThat(best.co2GainG).isPositive();
        assertThat(best.reason).contains("R20").contains("faster");
    }

    @Test
    void aMildSlowdownIsNotWorthADetour() {
        Map<String, RoadRecord> roads = defaultCity();
        Map<String, Router.Drive> drives = new HashMap<>();
        drives.put("R20", crawl(roads.get("R20"), 30));
        assertThat(router.reroutes(new Router.Snapshot(roads, drives), "R20", 1000L, 0.5))
                .isEmpty();
    }

    @Test
    void aDetourCanSaveTimeAndStillEmitMoreWhichTheGainShowsAsNegative() {
        Map<String, RoadRecord> roads = defaultCity();
        Map<String, Router.Drive> drives = new HashMap<>();
        drives.put("R20", crawl(roads.get("R20"), 12));
        List<Reroute> reroutes =
                router.reroutes(new Router.Snapshot(roads, drives), "R20", 0L, 0.8);
        assertThat(reroutes).isNotEmpty();
        assertThat(reroutes.get(0).etaGainMin).isPositive();
        assertThat(reroutes.get(0).co2GainG).isNegative();
    }

    @Test
    void anUnknownRoadHasNoReroutes() {
        assertThat(router.reroutes(new Router.Snapshot(defaultCity(), Map.of()), "R99", 0L, 0.9))
                .isEmpty();
    }

    @Test
    void theCo2CurveCostsMorePerKmInStopAndGoThanAtCruise() {
        EmissionFactor f = EmissionFactor.DEFAULT;
        assertThat(f.gramsPerKm(5)).isBetween(440.0, 460.0);
        assertThat(f.gramsPerKm(10)).isBetween(290.0, 310.0);
        assertThat(f.gramsPerKm(50)).isBetween(140.0, 155.0);
        assertThat(f.gramsPerKm(90)).isBetween(140.0, 155.0);
        assertThat(f.gramsPerKm(1)).as("taken at 5 km/h").isEqualTo(f.gramsPerKm(5));
        assertThat(EmissionFactor.parse("0.6, 0.075, -0.0008, 0.0000065")).isEqualTo(f);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmissionFactor.parse("1,2"))
                .hasMessageContaining("four numbers");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmissionFactor.parse("0,0,-1,0"))
                .hasMessageContaining("positive");
    }
}
