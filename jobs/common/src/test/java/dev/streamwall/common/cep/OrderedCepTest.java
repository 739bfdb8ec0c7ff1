package dev.streamwall.common.cep;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class OrderedCepTest {

    @Test
    void refusesAPatternBoundedByWithin() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Pattern<Long, ?> bounded =
                Pattern.<Long>begin("a")
                        .where(SimpleCondition.of(x -> x > 0))
                        .next("b")
                        .where(SimpleCondition.of(x -> x > 1))
                        .within(Duration.ofMinutes(1));
        assertThatThrownBy(
                        () ->
                                OrderedCep.matches(
                                        env.fromData(1L, 2L).keyBy(x -> x % 2),
                                        bounded,
                                        new PatternProcessFunction<Long, Long>() {
                                            @Override
                                            public void processMatch(
                                                    Map<String, List<Long>> match,
                                                    Context ctx,
                                                    Collector<Long> out) {}
                                        },
                                        x -> x,
                                        Types.LONG,
                                        "cep-test",
                                        "CEP test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("within()");
    }
}
