package dev.streamwall.cityflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.cityflow.functions.MinuteAggregate;
import dev.streamwall.cityflow.functions.predict.RoadModel;
import dev.streamwall.cityflow.records.CongestionForecast;
import dev.streamwall.cityflow.records.Reroute;
import dev.streamwall.cityflow.records.RoadMinute;
import dev.streamwall.cityflow.records.RoadStatus;
import dev.streamwall.cityflow.records.TrafficIncident;
import dev.streamwall.embedded.StateSchemas;
import dev.streamwall.generators.city.RoadReading;
import dev.streamwall.generators.city.RoadRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** State and records are Flink POJOs, so savepoints can evolve them (no Kryo fallback). */
class StateTypesTest {

    @ParameterizedTest
    @ValueSource(
            classes = {
                RoadModel.class,
                MinuteAggregate.Acc.class,
                RoadRecord.class,
                RoadReading.class,
                RoadMinute.class,
                CongestionForecast.class,
                RoadStatus.class,
                Reroute.class,
                TrafficIncident.class
            })
    void isAPojo(Class<?> type) {
        assertThat(TypeInformation.of(type)).isInstanceOf(PojoTypeInfo.class);
        assertThat(StateSchemas.problems(type)).isEmpty();
    }
}
