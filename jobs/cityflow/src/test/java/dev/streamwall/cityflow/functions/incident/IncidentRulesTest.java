package dev.streamwall.cityflow.functions.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.cityflow.records.RoadStatus;
import dev.streamwall.cityflow.records.TrafficIncident;
import dev.streamwall.cityflow.workflow.CityflowWorkflow;
import dev.streamwall.common.cep.OrderedCep;
import dev.streamwall.embedded.MiniClusterTest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * The incident rules run CEP in processing time over each road's minutes, which the city view sends
 * in order: they must match exactly as in event time, at the same timestamps (the incident rule in
 * its form without {@code within}).
 */
class IncidentRulesTest implements MiniClusterTest {

    private static final int PARALLELISM = 2;
    private static final long MINUTE = 60_000;
    private static final long START = 1_767_225_600_000L; // 2026-01-01T00:00Z

    /**
     * Six roads over eight hours, minute by minute in time order, each a random walk around the
     * onset threshold with occupancy wandering too; a road skips a minute now and then.
     */
    private static List<RoadStatus> city(double step) {
        SplittableRandom random = new SplittableRandom(20261204);
        String[] roads = {"r1", "r2", "r3", "r4", "r5", "r6"};
        double[] ratio = new double[roads.length];
        double[] occupancy = new double[roads.length];
        java.util.Arrays.fill(ratio, 0.9);
        java.util.Arrays.fill(occupancy, 0.2);
        List<RoadStatus> all = new ArrayList<>();
        for (int m = 1; m <= 480; m++) {
            for (int r = 0; r < roads.length; r++) {
                double change = random.nextDouble(-step, step) + 0.1 * (0.72 - ratio[r]);
                ratio[r] = Math.max(0.05, Math.min(1.0, ratio[r] + change));
                double delta = random.nextDouble(-0.05, 0.06);
                occupancy[r] = Math.max(0, Math.min(1, occupancy[r] + delta));
                if (random.nextInt(25) == 0) {
                    continue;
                }
                all.add(
                        new RoadStatus(
                                START + m * MINUTE,
                                roads[r],
                                ratio[r],
                                occupancy[r],
                                delta,
                                random.nextDouble(0.3, 1.0),
                                1 - ratio[r]));
            }
        }
        return all;
    }

    @Test
    void onsetMatchesTheSameInProcessingTimeOnOrderedMinutes() throws Exception {
        IncidentRules.Thresholds t = IncidentRules.Thresholds.defaults();
        List<RoadStatus> city = city(0.1);
        List<String> inEventTime =
                incidents(city, IncidentRules.onset(t), IncidentRules.ToIncident.onset(), false);
        assertThat(inEventTime).hasSizeGreaterThan(5);
        assertThat(incidents(city, IncidentRules.onset(t), IncidentRules.ToIncident.onset(), true))
                .isEqualTo(inEventTime);
    }

    @Test
    void theIncidentRuleWithoutWindowMatchesInProcessingTimeAsTheRuleInEventTime()
            throws Exception {
        IncidentRules.Thresholds t = IncidentRules.Thresholds.defaults();
        // Sharper swings: blocked minutes a few minutes after flowing ones, and some later.
        List<RoadStatus> city = city(0.25);
        List<String> inEventTime =
                incidents(
                        city,
                        IncidentRules.incident(t),
                        IncidentRules.ToIncident.incident(),
                        false);
        assertThat(inEventTime).hasSizeGreaterThan(5);
        assertThat(
                        incidents(
                                city,
                                IncidentRules.incidentWithoutWindow(t),
                                IncidentRules.ToIncident.incident(),
                                true))
                .isEqualTo(inEventTime);
    }

    /**
     * Runs a rule over the minutes, each stamped as the city view stamps it (its last millisecond),
     * keyed by road: in event time, or in processing time stamped back. Each incident with its
     * record timestamp.
     */
    private static List<String> incidents(
            List<RoadStatus> statuses,
            Pattern<RoadStatus, ?> rule,
            IncidentRules.ToIncident toIncident,
            boolean processingTime)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(PARALLELISM);
        KeyedStream<RoadStatus, String> byRoad =
                env.fromData(statuses, TypeInformation.of(RoadStatus.class))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<RoadStatus>forMonotonousTimestamps()
                                        .withTimestampAssigner((s, ts) -> s.ts - 1))
                        .keyBy(s -> s.road);
        TypeInformation<TrafficIncident> type = TypeInformation.of(TrafficIncident.class);
        DataStream<TrafficIncident> incidents =
                processingTime
                        ? OrderedCep.matches(
                                byRoad,
                                rule,
                                toIncident,
                                CityflowWorkflow.MINUTE_TIME,
                                type,
                                "cep",
                                "CEP")
                        : CEP.pattern(byRoad, rule).inEventTime().process(toIncident, type);
        DataStream<String> stamped =
                incidents.process(
                        new ProcessFunction<TrafficIncident, String>() {
                            @Override
                            public void processElement(
                                    TrafficIncident i, Context ctx, Collector<String> out) {
                                out.collect(ctx.timestamp() + " " + i.incidentId + " " + i.detail);
                            }
                        });
        List<String> out = new ArrayList<>();
        try (CloseableIterator<String> it = stamped.executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }
}
