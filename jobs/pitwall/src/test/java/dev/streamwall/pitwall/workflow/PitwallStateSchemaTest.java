package dev.streamwall.pitwall.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.embedded.StateSchemas;
import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.pitwall.functions.LapAccumulator;
import dev.streamwall.pitwall.functions.anomaly.ConditionAccumulator;
import dev.streamwall.pitwall.functions.strategy.StintState;
import dev.streamwall.pitwall.functions.strategy.StrategyFunction;
import dev.streamwall.pitwall.records.Alert;
import dev.streamwall.pitwall.records.CarCondition;
import dev.streamwall.pitwall.records.LapSummary;
import dev.streamwall.pitwall.records.TrackStatusChange;
import org.junit.jupiter.api.Test;

/**
 * Every type pitwall keeps in keyed state (or buffers in it) is a POJO Flink can evolve, so adding
 * a field to one stays savepoint-compatible (README, "Upgrades and savepoints").
 */
class PitwallStateSchemaTest {

    @Test
    void stateTypesCanEvolve() {
        assertThat(
                        StateSchemas.problems(
                                Telemetry.class,
                                LapAccumulator.class,
                                LapSummary.class,
                                TrackStatusChange.class,
                                StintState.class,
                                StrategyFunction.Pending.class,
                                ConditionAccumulator.class,
                                CarCondition.class,
                                Alert.class))
                .isEmpty();
    }
}
