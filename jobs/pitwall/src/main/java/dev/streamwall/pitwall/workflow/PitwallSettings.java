package dev.streamwall.pitwall.workflow;

import dev.streamwall.pitwall.functions.anomaly.AnomalyPatterns;
import dev.streamwall.pitwall.functions.strategy.StrategyParameters;
import java.io.Serializable;
import java.time.Duration;
import java.util.Set;

/**
 * Everything the pitwall job graph depends on besides its sources and sinks.
 *
 * @param provisional the results made before the watermark (see {@link Provisional})
 */
public record PitwallSettings(
        Set<Integer> cars,
        Duration silence,
        Duration finishedRetention,
        Duration alertMergeGap,
        int telemetryDecimation,
        StrategyParameters strategy,
        AnomalyPatterns.Thresholds thresholds,
        Provisional provisional)
        implements Serializable {

    /**
     * Which results also go out provisionally, in each car's arrival order, before the watermark
     * passes them: none, laps and calls (from the provisional laps), or those and alerts.
     */
    public enum Provisional {
        NONE,
        LAPS_AND_CALLS,
        LAPS_CALLS_AND_ALERTS;

        /** Whether the provisional laps (and the calls made from them) are made. */
        public boolean laps() {
            return this != NONE;
        }

        /** Whether the provisional alerts are made too. */
        public boolean alerts() {
            return this == LAPS_CALLS_AND_ALERTS;
        }
    }

    public static PitwallSettings defaults(Set<Integer> cars) {
        return new PitwallSettings(
                cars,
                Duration.ofSeconds(2),
                Duration.ofSeconds(60),
                Duration.ofSeconds(10),
                1,
                StrategyParameters.defaults(),
                AnomalyPatterns.Thresholds.defaults(),
                Provisional.NONE);
    }

    /** Whether the provisional laps and calls are made. */
    public boolean provisionalLaps() {
        return provisional.laps();
    }

    public PitwallSettings withTelemetryDecimation(int n) {
        return new PitwallSettings(
                cars,
                silence,
                finishedRetention,
                alertMergeGap,
                n,
                strategy,
                thresholds,
                provisional);
    }

    public PitwallSettings withSilence(Duration d) {
        return new PitwallSettings(
                cars,
                d,
                finishedRetention,
                alertMergeGap,
                telemetryDecimation,
                strategy,
                thresholds,
                provisional);
    }

    public PitwallSettings withStrategy(StrategyParameters p) {
        return new PitwallSettings(
                cars,
                silence,
                finishedRetention,
                alertMergeGap,
                telemetryDecimation,
                p,
                thresholds,
                provisional);
    }

    /**
     * With provisional laps: each car's lap summary as soon as the first sample of its next lap
     * arrives, in arrival order, before the watermark passes it (see {@link
     * dev.streamwall.pitwall.functions.LapAggregator#provisional}), and the strategy calls made
     * from them as they arrive.
     */
    public PitwallSettings withProvisionalLaps(boolean on) {
        return withProvisional(on ? Provisional.LAPS_AND_CALLS : Provisional.NONE);
    }

    /** With the given provisional results. */
    public PitwallSettings withProvisional(Provisional p) {
        return new PitwallSettings(
                cars,
                silence,
                finishedRetention,
                alertMergeGap,
                telemetryDecimation,
                strategy,
                thresholds,
                p);
    }
}
