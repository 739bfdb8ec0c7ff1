package dev.streamwall.cityflow.workflow;

import dev.streamwall.cityflow.functions.incident.IncidentRules;
import dev.streamwall.cityflow.functions.route.EmissionFactor;
import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Everything the cityflow job graph depends on besides its sources and sinks. */
public record CityflowSettings(
        Duration horizon,
        ZoneId zone,
        double rerouteThreshold,
        double minEtaGainMin,
        EmissionFactor co2,
        IncidentRules.Thresholds incidents,
        int clearMinutes,
        int readingsDecimation)
        implements Serializable {

    public CityflowSettings {
        if (horizon.toMillis() < 60_000 || horizon.toMillis() % 60_000 != 0) {
            throw new IllegalArgumentException(
                    "--horizon must be whole minutes, at least 1m; got " + horizon);
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
                1);
    }

    public int horizonMin() {
        return (int) horizon.toMinutes();
    }
}
