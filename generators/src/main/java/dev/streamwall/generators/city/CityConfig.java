package dev.streamwall.generators.city;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What to simulate: the network, when (simulated start and length), the sensor sampling step, and
 * the incidents (explicit ones and a seeded random rate).
 *
 * @param incidentsPerHour random lane closures per simulated hour over the whole city
 */
public record CityConfig(
        long seed,
        RoadNetwork network,
        Instant start,
        Duration duration,
        Duration step,
        List<Incident> incidents,
        double incidentsPerHour)
        implements Serializable {

    /** A weekday 06:30 UTC: the morning rush starts within the first simulated hour. */
    public static final Instant DEFAULT_START = Instant.parse("2026-03-03T06:30:00Z");

    public CityConfig {
        if (step.isNegative()
                || step.isZero()
                || step.toMillis() % 1000 != 0
                || 60_000 % step.toMillis() != 0) {
            throw new IllegalArgumentException(
                    "the sensor step must be whole seconds dividing a minute, got " + step);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("the simulated duration must be positive");
        }
        if (incidentsPerHour < 0) {
            throw new IllegalArgumentException("incidents per hour must be 0 or more");
        }
        for (Incident i : incidents) {
            if (network.road(i.road()) == null) {
                throw new IllegalArgumentException(
                        "incident on road " + i.road() + ", which is not in the network");
            }
        }
        incidents = List.copyOf(incidents);
    }

    /** The default city from 06:30 on a weekday for 4 hours, readings every 5 s, 1 incident/h. */
    public static CityConfig defaults() {
        return new CityConfig(
                42,
                RoadNetwork.defaultCity(),
                DEFAULT_START,
                Duration.ofHours(4),
                Duration.ofSeconds(5),
                List.of(),
                1.0);
    }

    public CityConfig withSeed(long s) {
        return new CityConfig(s, network, start, duration, step, incidents, incidentsPerHour);
    }

    public CityConfig withNetwork(RoadNetwork n) {
        return new CityConfig(seed, n, start, duration, step, List.of(), incidentsPerHour);
    }

    public CityConfig withStart(Instant s) {
        return new CityConfig(seed, network, s, duration, step, incidents, incidentsPerHour);
    }

    public CityConfig withDuration(Duration d) {
        return new CityConfig(seed, network, start, d, step, incidents, incidentsPerHour);
    }

    /** Explicit incidents such as {@code R12@30m,R30@1h+20m}; random ones at the given rate. */
    public CityConfig withIncidents(String spec, double perHour) {
        List<Incident> list =
                spec == null || spec.isBlank()
                        ? List.of()
                        : java.util.Arrays.stream(spec.split(","))
                                .filter(s -> !s.isBlank())
                                .map(s -> Incident.parse(s, start.toEpochMilli()))
                                .toList();
        return new CityConfig(seed, network, start, duration, step, list, perHour);
    }
}
