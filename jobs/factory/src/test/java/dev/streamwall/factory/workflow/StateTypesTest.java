package dev.streamwall.factory.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.embedded.StateSchemas;
import dev.streamwall.factory.functions.scoring.SensorModel;
import dev.streamwall.factory.functions.stats.SensorStatsAggregate;
import dev.streamwall.factory.records.Anomaly;
import dev.streamwall.factory.records.MaintenanceAlert;
import dev.streamwall.factory.records.ScoredReading;
import dev.streamwall.factory.records.SensorStats;
import dev.streamwall.generators.factory.SensorReading;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** State and records are Flink POJOs, so savepoints can evolve them (no Kryo fallback). */
class StateTypesTest {

    @ParameterizedTest
    @ValueSource(
            classes = {
                SensorModel.class,
                SensorStatsAggregate.Acc.class,
                Anomaly.class,
                MaintenanceAlert.class,
                ScoredReading.class,
                SensorStats.class,
                SensorReading.class
            })
    void isAPojo(Class<?> type) {
        assertThat(TypeInformation.of(type)).isInstanceOf(PojoTypeInfo.class);
        // Nor does any field fall back to Kryo, which could not evolve either.
        assertThat(StateSchemas.problems(type)).isEmpty();
    }
}
