package dev.streamwall.cityflow.workflow;

import dev.streamwall.cityflow.functions.incident.IncidentRules;
import dev.streamwall.cityflow.functions.route.EmissionFactor;
import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Everything the cityflow job graph depends on besides its sources and sinks. */
public record CityflowSettings(
        Duration horizon,
        ZoneId zone,
        double rerouteThreshold,
        double minEtaGainMin,
        EmissionFactor co2,
        IncidentRules.Thresholds incidents,
        int clearMinutes,
        int readingsDecimation,
        List<Duration> extraHorizons,
        boolean provisionalPredictions)
        implements Serializable {

    /** The most horizons a job forecasts besides its own. */
    public static final int MAX_EXTRA_HORIZONS = 4;

    public CityflowSettings {
        if (!wholeMinutes(horizon)) {
            throw new IllegalArgumentException(
                    "--horizon must be whole minutes, at least 1m; got " + horizon);
        }
        extraHorizons = List.copyOf(extraHorizons);
        if (extraHorizons.size() > MAX_EXTRA_HORIZONS) {
            throw new IllegalArgumentException(
                    "--extra-horizons takes at most "
                            + MAX_EXTRA_HORIZONS
                            + " horizons (each is a predictor with state per road); got "
                            + extraHorizons.size());
        }
        Set<Duration> seen = new HashSet<>(List.of(horizon));
        for (Duration h : extraHorizons) {
            if (!wholeMinutes(h)) {
                throw new IllegalArgumentException(
                        "--extra-horizons must be whole minutes, at least 1m each; got " + h);
            }
            if (!seen.add(h)) {
                throw new IllegalArgumentException(
                        "--extra-horizons: "
                                + h.toMinutes()
                                + "m is given twice (or is --horizon itself)");
            }
        }
        if (readingsDecimation < 1) {
            throw new IllegalArgumentException(
                    "--readings-decimation must be at least 1, got " + readingsDecimation);
        }
        if (!(rerouteThreshold > 0 && rerouteThreshold < 1)) {
            throw new IllegalArgumentException(
                    "--reroute-threshold must be between 0 and 1, got " + rerouteThreshold);
        }
        if (incidents.onsetMinutes() < 1
                || !(incidents.incidentRatio() > 0
                        && incidents.incidentRatio() < incidents.onsetRatio())
                || !(incidents.onsetRatio() < 1)) {
            throw new IllegalArgumentException(
                    "need 0 < --incident-ratio < --onset-ratio < 1 and --onset-minutes >= 1, got "
                            + incidents);
        }
    }

    public static CityflowSettings defaults() {
        return new CityflowSettings(
                Duration.ofMinutes(30),
                ZoneOffset.UTC,
                0.5,
                0.5,
                EmissionFactor.DEFAULT,
                IncidentRules.Thresholds.defaults(),
                3,
                1,
                List.of(),
                false);
    }

    public int horizonMin() {
        return (int) horizon.toMinutes();
    }

    /** The extra horizons in minutes, in the order given. */
    public List<Integer> extraHorizonsMin() {
        return extraHorizons.stream().map(h -> (int) h.toMinutes()).toList();
    }

    /** The same settings with these extra horizons. */
    public CityflowSettings withExtraHorizons(List<Duration> horizons) {
        return new CityflowSettings(
                horizon,
                zone,
                rerouteThreshold,
                minEtaGainMin,
                co2,
                incidents,
                clearMinutes,
                readingsDecimation,
                horizons,
                provisionalPredictions);
    }

    /**
     * The same settings with provisional predictions on or off: each road's minutes also in arrival
     * order, and a predictor of their own (see {@code ProvisionalMinutes}).
     */
    public CityflowSettings withProvisionalPredictions(boolean on) {
        return new CityflowSettings(
                horizon,
                zone,
                rerouteThreshold,
                minEtaGainMin,
                co2,
                incidents,
                clearMinutes,
                readingsDecimation,
                extraHorizons,
                on);
    }

    private static boolean wholeMinutes(Duration d) {
        return d.toMillis() >= 60_000 && d.toMillis() % 60_000 == 0;
    }
}
