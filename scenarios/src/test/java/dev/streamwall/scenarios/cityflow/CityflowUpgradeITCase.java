package dev.streamwall.scenarios.cityflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.embedded.Eventually;
import dev.streamwall.embedded.UpgradeScenario;
import dev.streamwall.generators.city.CityConfig;
import dev.streamwall.generators.city.CityGenerator;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.scenarios.PreChangeSavepoint;
import dev.streamwall.scenarios.SavepointUpgradeCase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A savepoint upgrade of the cityflow job in the middle of an incident: it learns the city until
 * the avenue has been blocked for a few minutes, stops with a savepoint, and a changed job (a lower
 * reroute threshold, same uids) resumes from it. Predictions (the per-road models, trends and
 * profiles), incidents (open CEP matches and the open incident) and reroutes until the upgrade must
 * equal one uninterrupted run.
 */
class CityflowUpgradeITCase extends SavepointUpgradeCase<CityflowStack> {

    private static final CityConfig CITY =
            CityConfig.defaults()
                    .withStart(Instant.parse("2026-03-03T07:20:00Z"))
                    .withDuration(Duration.ofMinutes(75))
                    .withIncidents("R20@25m+35m/2", 0);

    CityflowUpgradeITCase() {
        super("cityflow");
    }

    @Override
    protected CityflowStack stack(EmbeddedInfra infra) {
        return new CityflowStack(infra).with(CITY, TransportFaults.NONE);
    }

    @Override
    protected void upgrade(EmbeddedInfra infra, CityflowStack reference, PreChangeSavepoint from)
            throws Exception {
        long readings = CityGenerator.countEvents(CITY);
        assertThat(reference.count("SELECT count(*) FROM traffic_raw")).isEqualTo(readings);
        // A bounded replay of in-order data has nothing late, however its partitions are read.
        assertThat(reference.consumeAll(reference.late)).isEmpty();

        CityflowStack upgraded =
                (from == null
                                ? new CityflowStack(infra)
                                : new CityflowStack(
                                        infra,
                                        from.topic("readings"),
                                        from.topic("roads"),
                                        infra.freshDatabase()))
                        .with(CITY, TransportFaults.NONE);
        UpgradeScenario upgrade = new UpgradeScenario(upgraded, readings, upgraded::publishRange);
        // 07:20 + 30 min: the avenue has been blocked for five minutes.
        long half = readings * 30 / 75;
        String savepoint =
                upgrade.runAndStop(
                        half,
                        () ->
                                upgraded.count("SELECT count(*) FROM traffic_raw") >= half
                                        && upgraded.count("SELECT count(*) FROM predictions")
                                                >= 52 * 28);
        long openAtUpgrade = upgraded.count("SELECT count(*) FROM incidents WHERE status = 'OPEN'");

        Object cutoff =
                java.sql.Timestamp.from(CITY.start().plus(CITY.duration()).minusSeconds(300));
        // Before the upgrade: 07:49 (minutes the savepoint of the first forecaster had emitted
        // too, from which the job resumes with forecasts of its own: 07:47).
        Object upgradeTime =
                java.sql.Timestamp.from(
                        CITY.start().plus(Duration.ofMinutes(from == null ? 29 : 27)));
        String allColumns =
                "SELECT ts, road_id, congestion_score, confidence, congestion_now, baseline_score,"
                        + " trend_per_min, predicted_speed_kmh FROM predictions WHERE ts <= ?"
                        + " ORDER BY ts, road_id";
        // From the first forecaster's savepoint each road's forecaster starts again (its
        // readings, free-flow speed and rings carry over): forecasts after the upgrade differ from
        // the uninterrupted run's by design; congestion now and the seed's score do not.
        String predictions =
                from == null
                        ? allColumns
                        : "SELECT ts, road_id, congestion_now, baseline_score FROM predictions"
                                + " WHERE ts <= ? ORDER BY ts, road_id";
        String incidents =
                "SELECT incident_id, ts, road_id, kind, status, start_ts, end_ts, severity"
                        + " FROM incidents WHERE ts <= ? ORDER BY incident_id";
        String reroutes =
                "SELECT ts, route_id, alt_route_id, eta_gain_min, estimated_co2_gain FROM reroutes"
                        + " WHERE ts <= ? ORDER BY ts, route_id, alt_route_id";
        upgrade.resume(
                resumeFrom(from, savepoint),
                half,
                () -> {
                    Eventually.waitFor(
                            () -> upgraded.count("SELECT count(*) FROM traffic_raw") >= readings,
                            Duration.ofSeconds(180));
                    // The unbounded job settles a minute once the watermark has passed it through
                    // every operator (the incident tracker last): wait for the settled part to
                    // become the uninterrupted run's, or give up after four minutes and show the
                    // difference.
                    try {
                        Eventually.waitFor(
                                () ->
                                        upgraded.query(predictions, cutoff)
                                                        .equals(
                                                                reference.query(
                                                                        predictions, cutoff))
                                                && upgraded.query(incidents, cutoff)
                                                        .equals(reference.query(incidents, cutoff)),
                                Duration.ofSeconds(240));
                    } catch (AssertionError notYet) {
                        // the assertions below say what differs
                    }
                },
                "--reroute-threshold",
                "0.45");

        // The per-road models went on learning instead of starting over at the upgrade.
        List<Map<String, Object>> rows = upgraded.query(predictions, cutoff);
        assertThat(rows).hasSizeGreaterThan(52 * 65);
        List<Map<String, Object>> ref = reference.query(predictions, cutoff);
        assertSameRows(rows, ref, predictions);
        // The incident open at the upgrade cleared once, as in the uninterrupted run.
        assertThat(openAtUpgrade).as("an incident was open when the job stopped").isPositive();
        assertSameRows(upgraded, reference, incidents, cutoff);
        // Until the upgrade every column is the same, whichever savepoint it resumed from.
        assertSameRows(upgraded, reference, allColumns, upgradeTime);
        // Reroutes until the upgrade are the same; after it the lower threshold applies.
        assertSameRows(upgraded, reference, reroutes, upgradeTime);
        assertThat(
                        upgraded.count(
                                "SELECT count(*) FROM reroutes WHERE ts > ? AND road_id = 'R20'",
                                upgradeTime))
                .isPositive();
    }
}
