package dev.streamwall.pitwall.workflow;

import dev.streamwall.pitwall.functions.anomaly.AnomalyPatterns;
import dev.streamwall.pitwall.functions.strategy.StrategyParameters;
import java.io.Serializable;
import java.time.Duration;
import java.util.Set;

/** Everything the pitwall job graph depends on besides its sources and sinks. */
public record PitwallSettings(
        Set<Integer> cars,
        Duration silence,
        Duration finishedRetention,
        Duration alertMergeGap,
        int telemetryDecimation,
        StrategyParameters strategy,
        AnomalyPatterns.Thresholds thresholds,
        boolean provisionalLaps)
        implements Serializable {

    public static PitwallSettings defaults(Set<Integer> cars) {
        return new PitwallSettings(
                cars,
                Duration.ofSeconds(2),
                Duration.ofSeconds(60),
                Duration.ofSeconds(10),
                1,
                StrategyParameters.defaults(),
                AnomalyPatterns.Thresholds.defaults(),
                false);
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
                provisionalLaps);
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
                provisionalLaps);
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
                provisionalLaps);
    }

    /**
     * With provisional laps: each car's lap summary as soon as the first sample of its next lap
     * arrives, in arrival order, before the watermark passes it (see {@link
     * dev.streamwall.pitwall.functions.LapAggregator#provisional}), and the strategy calls made
     * from them as they arrive.
     */
    public PitwallSettings withProvisionalLaps(boolean on) {
        return new PitwallSettings(
                cars,
                silence,
                finishedRetention,
                alertMergeGap,
                telemetryDecimation,
                strategy,
                thresholds,
                on);
    }
}
