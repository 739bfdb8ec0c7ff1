package dev.streamwall.scenarios.factory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.common.kafka.Decoded;
import dev.streamwall.embedded.MiniClusterTest;
import dev.streamwall.factory.records.Anomaly;
import dev.streamwall.factory.records.MaintenanceAlert;
import dev.streamwall.factory.workflow.FactorySettings;
import dev.streamwall.factory.workflow.FactoryWorkflow;
import dev.streamwall.generators.factory.FactoryFaultType;
import dev.streamwall.generators.factory.FactoryLabel;
import dev.streamwall.generators.factory.PlantConfig;
import dev.streamwall.generators.factory.PlantGenerator;
import dev.streamwall.generators.factory.SensorReading;
import dev.streamwall.scenarios.EvaluationEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

/**
 * The factory graph on a MiniCluster (parallelism 2) over simulated plants: detection quality on
 * the default plant, and silence on noise spikes.
 */
class FactoryWorkflowITCase implements MiniClusterTest {

    private static final Duration SLACK = Duration.ofMinutes(10);

    @Test
    void halfTheDefaultPlantIsDetectedWithNinetyPercentPrecisionAndRecall() throws Exception {
        // The default plant's faults and noise on 25 of its 50 machines for 4 hours: two faults of
        // each type (a run of all 50 machines takes twice as long and adds nothing).
        PlantConfig plant =
                PlantConfig.defaults().withMachines(25).withDuration(Duration.ofHours(4));
        FactoryEvaluation.Result result =
                FactoryEvaluation.run(plant, FactorySettings.defaults(), 2, SLACK);
        DetectionScore score = result.score();
        result.score().table().forEach(System.out::println);

        assertThat(result.spikes()).as("noise spikes are present").isGreaterThan(200);
        assertThat(result.faults()).hasSize(8);
        for (DetectionScore.Row row : score.rows()) {
            assertThat(row.faults()).as("%s faults", row.fault()).isPositive();
            assertThat(row.precision()).as("%s precision", row.fault()).isGreaterThanOrEqualTo(0.9);
            assertThat(row.recall()).as("%s recall", row.fault()).isGreaterThanOrEqualTo(0.9);
        }
        // Predictive maintenance means before the failure: the bearing's temperature runaway.
        for (FactoryLabel bearing : result.faults()) {
            if (bearing.type() != FactoryFaultType.BEARING_WEAR) {
                continue;
            }
            assertThat(result.alerts())
                    .as("maintenance alert for %s", bearing)
                    .anySatisfy(
                            a -> {
                                assertThat(a.machine).isEqualTo(bearing.machine);
                                assertThat(a.type)
                                        .isEqualTo(MaintenanceAlert.PREDICTIVE_MAINTENANCE);
                                assertThat(a.raisedTs)
                                        .isBetween(bearing.startTs, bearing.failureTs);
                            });
        }
    }

    @Test
    void theEvaluationCommandPrintsPrecisionRecallAndDelayPerFaultType() {
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new FactoryEvaluation());
        cli.setOut(new java.io.PrintWriter(out));
        int code =
                cli.execute(
                        "--machines",
                        "6",
                        "--sim-duration",
                        "3h",
                        "--faults",
                        "all",
                        "--seed",
                        "11");
        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("precision", "recall", "median delay")
                .containsPattern("overheating +1 +1 +1 +1\\.00 +1\\.00 +\\d+\\.\\d min")
                .containsPattern("all +4 +4 +4 +1\\.00 +1\\.00");
    }

    @Test
    void noiseSpikesAloneRaiseSpikesButNoAlert() throws Exception {
        PlantConfig plant =
                PlantConfig.defaults()
                        .withMachines(8)
                        .withDuration(Duration.ofHours(2))
                        .withFaults("none")
                        .withSpikesPerHour(10);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<Decoded<SensorReading>> decoded =
                EvaluationEnvironment.simulated(
                        env,
                        PlantGenerator.source(plant),
                        "plant",
                        r -> r.ts,
                        new TypeHint<Decoded<SensorReading>>() {}.getTypeInfo());
        FactoryWorkflow.Outputs out = FactoryWorkflow.define(decoded, FactorySettings.defaults());
        DataStream<Object> both =
                out.anomalies()
                        .map(a -> (Object) a, TypeInformation.of(Object.class))
                        .union(out.alerts().map(a -> (Object) a, TypeInformation.of(Object.class)));
        List<Object> results = new ArrayList<>();
        try (CloseableIterator<Object> it = both.executeAndCollect()) {
            it.forEachRemaining(results::add);
        }
        assertThat(results).filteredOn(MaintenanceAlert.class::isInstance).isEmpty();
        List<Anomaly> anomalies =
                results.stream()
                        .filter(Anomaly.class::isInstance)
                        .map(Anomaly.class::cast)
                        .toList();
        assertThat(anomalies).filteredOn(a -> a.kind.equals(Anomaly.SPIKE)).hasSizeGreaterThan(100);
        assertThat(anomalies).allSatisfy(a -> assertThat(a.kind).isEqualTo(Anomaly.SPIKE));
    }

    @Test
    void provisionalAlertsOpenUnderTheIdsOfTheFinalOnesWhenReadingsArriveInOrder()
            throws Exception {
        PlantConfig plant =
                PlantConfig.defaults()
                        .withMachines(6)
                        .withDuration(Duration.ofHours(3))
                        .withFaults(
                                "overheating@M01+20m,pressure_leak@M02+30m,stuck_sensor@M03+40m");
        // One channel from the source to each sensor's provisional scorer, as a Kafka partition
        // is: at parallelism 2 the source's records would be handed on round-robin, reordered.
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        DataStream<Decoded<SensorReading>> decoded =
                EvaluationEnvironment.simulated(
                        env,
                        PlantGenerator.source(plant),
                        "plant",
                        r -> r.ts,
                        new TypeHint<Decoded<SensorReading>>() {}.getTypeInfo());
        FactoryWorkflow.Outputs out =
                FactoryWorkflow.define(
                        decoded, FactorySettings.defaults().withProvisionalAlerts(true));
        DataStream<Object> both =
                out.alerts()
                        .map(a -> (Object) a, TypeInformation.of(Object.class))
                        .union(
                                out.provisionalAlerts()
                                        .map(
                                                a -> (Object) List.of(a),
                                                TypeInformation.of(Object.class)));
        List<MaintenanceAlert> finals = new ArrayList<>();
        List<MaintenanceAlert> provisional = new ArrayList<>();
        try (CloseableIterator<Object> it = both.executeAndCollect()) {
            it.forEachRemaining(
                    o -> {
                        if (o instanceof List<?> wrapped) {
                            provisional.add((MaintenanceAlert) wrapped.get(0));
                        } else {
                            finals.add((MaintenanceAlert) o);
                        }
                    });
        }

        java.util.Set<String> opened = new java.util.TreeSet<>();
        for (MaintenanceAlert a : finals) {
            if (!a.type.equals(MaintenanceAlert.PREDICTIVE_MAINTENANCE)) {
                opened.add(a.alertId);
            }
        }
        assertThat(opened.stream().map(id -> id.split("/")[1]).distinct())
                .as("the faults' alerts")
                .contains(
                        MaintenanceAlert.OVERHEATING,
                        MaintenanceAlert.PRESSURE_LEAK,
                        MaintenanceAlert.STUCK_SENSOR);
        assertThat(provisional)
                .allSatisfy(
                        a -> {
                            assertThat(a.status).isEqualTo(MaintenanceAlert.PROVISIONAL);
                            assertThat(a.type)
                                    .isNotEqualTo(MaintenanceAlert.PREDICTIVE_MAINTENANCE);
                        });
        assertThat(provisional.stream().map(a -> a.alertId).toList())
                .as("every final alert of these rules opened provisionally under its id")
                .containsAll(opened);
    }
}
