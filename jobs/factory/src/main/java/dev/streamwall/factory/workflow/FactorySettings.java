package dev.streamwall.factory.workflow;

import dev.streamwall.factory.functions.anomaly.MachineRules;
import dev.streamwall.factory.functions.scoring.ScoringParameters;
import java.io.Serializable;
import java.time.Duration;
import java.util.Set;

/** Everything the factory job graph depends on besides its sources and sinks. */
public record FactorySettings(
        Set<String> sensors,
        ScoringParameters scoring,
        MachineRules.Thresholds thresholds,
        Duration alertMergeGap,
        Duration statsWindow,
        Duration statsSlide,
        int readingsDecimation,
        boolean provisionalAlerts)
        implements Serializable {

    public static final Set<String> DEFAULT_SENSORS = Set.of("temp", "vibration", "pressure");

    public static FactorySettings defaults() {
        return new FactorySettings(
                DEFAULT_SENSORS,
                ScoringParameters.defaults(),
                MachineRules.Thresholds.defaults(),
                Duration.ofMinutes(10),
                Duration.ofMinutes(5),
                Duration.ofMinutes(1),
                1,
                false);
    }

    public FactorySettings withSensors(Set<String> s) {
        return new FactorySettings(
                s,
                scoring,
                thresholds,
                alertMergeGap,
                statsWindow,
                statsSlide,
                readingsDecimation,
                provisionalAlerts);
    }

    public FactorySettings withScoring(ScoringParameters p) {
        return new FactorySettings(
                sensors,
                p,
                thresholds,
                alertMergeGap,
                statsWindow,
                statsSlide,
                readingsDecimation,
                provisionalAlerts);
    }

    public FactorySettings withStatsWindow(Duration size, Duration slide) {
        return new FactorySettings(
                sensors,
                scoring,
                thresholds,
                alertMergeGap,
                size,
                slide,
                readingsDecimation,
                provisionalAlerts);
    }

    public FactorySettings withReadingsDecimation(int n) {
        return new FactorySettings(
                sensors,
                scoring,
                thresholds,
                alertMergeGap,
                statsWindow,
                statsSlide,
                n,
                provisionalAlerts);
    }

    /**
     * The same settings with provisional alerts on or off: each sensor's readings also scored in
     * arrival order, and the rules of one episode matched as the episodes arrive.
     */
    public FactorySettings withProvisionalAlerts(boolean on) {
        return new FactorySettings(
                sensors,
                scoring,
                thresholds,
                alertMergeGap,
                statsWindow,
                statsSlide,
                readingsDecimation,
                on);
    }
}
