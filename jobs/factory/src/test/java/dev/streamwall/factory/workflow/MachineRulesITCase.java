package dev.streamwall.factory.workflow;

import static dev.streamwall.factory.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.embedded.MiniClusterTest;
import dev.streamwall.factory.records.Anomaly;
import dev.streamwall.factory.records.MaintenanceAlert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

/** The CEP rules and the alert lifecycle on hand-made anomaly episodes, in event time. */
class MachineRulesITCase implements MiniClusterTest {

    private static Anomaly episode(
            String machine,
            String sensor,
            String kind,
            Anomaly.Phase phase,
            Duration start,
            Duration at,
            double value) {
        Anomaly a = new Anomaly();
        a.machine = machine;
        a.sensor = sensor;
        a.kind = kind;
        a.phase = phase;
        a.startTs = at(start);
        a.ts = at(at);
        a.anomalyId = Anomaly.idOf(machine, sensor, kind, a.startTs);
        a.value = value;
        a.baseline = value / 2;
        a.z = 4;
        a.peakZ = 4;
        a.readings = 10;
        return a;
    }

    /** An episode that opens at {@code start} and reports every minute for {@code minutes}. */
    private static List<Anomaly> lasting(
            String machine, String sensor, String kind, Duration start, int minutes, double value) {
        List<Anomaly> out = new ArrayList<>();
        out.add(episode(machine, sensor, kind, Anomaly.Phase.START, start, start, value));
        for (int m = 1; m < minutes; m++) {
            out.add(
                    episode(
                            machine,
                            sensor,
                            kind,
                            Anomaly.Phase.ONGOING,
                            start,
                            start.plusMinutes(m),
                            value));
        }
        out.add(
                episode(
                        machine,
                        sensor,
                        kind,
                        Anomaly.Phase.END,
                        start,
                        start.plusMinutes(minutes),
                        value));
        return out;
    }

    private static List<MaintenanceAlert> alerts(List<Anomaly> anomalies) throws Exception {
        List<Anomaly> sorted = new ArrayList<>(anomalies);
        sorted.sort((a, b) -> Long.compare(a.ts, b.ts));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<Anomaly> in =
                env.fromData(sorted, TypeInformation.of(Anomaly.class))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Anomaly>forMonotonousTimestamps()
                                        .withTimestampAssigner((a, t) -> a.ts));
        List<MaintenanceAlert> out = new ArrayList<>();
        try (CloseableIterator<MaintenanceAlert> it =
                FactoryWorkflow.alerts(in, FactorySettings.defaults()).executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void vibrationThenTemperatureIsPredictiveMaintenanceNotOverheating() throws Exception {
        List<Anomaly> in = new ArrayList<>();
        in.addAll(lasting("M1", "vibration", Anomaly.HIGH, Duration.ofMinutes(30), 120, 4.5));
        in.addAll(lasting("M1", "temp", Anomaly.HIGH, Duration.ofMinutes(100), 40, 88));
        List<MaintenanceAlert> alerts = alerts(in);

        assertThat(alerts)
                .extracting(a -> a.type)
                .containsOnly(MaintenanceAlert.PREDICTIVE_MAINTENANCE);
        assertThat(alerts).extracting(a -> a.alertId).containsOnly(alerts.get(0).alertId);
        MaintenanceAlert first = alerts.get(0);
        assertThat(first.raisedTs).isEqualTo(at(Duration.ofMinutes(100)));
        assertThat(first.startTs).isEqualTo(at(Duration.ofMinutes(30)));
        assertThat(first.severity).isEqualTo("WARNING");
        assertThat(first.evidence).contains("bearing wear suspected", "4.50 mm/s");
        assertThat(alerts).last().satisfies(a -> assertThat(a.status).isEqualTo("CLOSED"));
    }

    @Test
    void eachRuleNeedsItsOwnEvidence() throws Exception {
        List<Anomaly> in = new ArrayList<>();
        // Temperature first, vibration later: heat, not a worn bearing.
        in.addAll(lasting("M2", "temp", Anomaly.HIGH, Duration.ofMinutes(30), 10, 97));
        in.addAll(lasting("M2", "vibration", Anomaly.HIGH, Duration.ofMinutes(50), 10, 4));
        // A pressure drop that is gone within a minute is not a leak; a lasting one is.
        in.addAll(lasting("M3", "pressure", Anomaly.LOW, Duration.ofMinutes(30), 1, 3.1));
        in.addAll(lasting("M4", "pressure", Anomaly.LOW, Duration.ofMinutes(30), 20, 1.8));
        // Spikes never alert; a stuck sensor does.
        in.add(
                episode(
                        "M5",
                        "temp",
                        Anomaly.SPIKE,
                        Anomaly.Phase.END,
                        Duration.ofMinutes(31),
                        Duration.ofMinutes(31),
                        95));
        in.add(
                episode(
                        "M5",
                        "vibration",
                        Anomaly.SPIKE,
                        Anomaly.Phase.END,
                        Duration.ofMinutes(20),
                        Duration.ofMinutes(20),
                        9));
        in.addAll(lasting("M6", "pressure", Anomaly.STUCK, Duration.ofMinutes(40), 5, 4.2));
        // A sensor no rule knows: its level anomaly and its spike are ANOMALY alerts at once (the
        // spike 20 min later, past the merge gap, is a second alert); a known sensor's LOW
        // temperature, which no rule covers, is none.
        in.addAll(lasting("M7", "flow", Anomaly.LOW, Duration.ofMinutes(30), 3, 12));
        in.add(
                episode(
                        "M7",
                        "flow",
                        Anomaly.SPIKE,
                        Anomaly.Phase.END,
                        Duration.ofMinutes(45),
                        Duration.ofMinutes(45),
                        90));
        in.addAll(lasting("M8", "temp", Anomaly.LOW, Duration.ofMinutes(30), 10, 40));
        List<MaintenanceAlert> alerts = alerts(in);

        assertThat(alerts.stream().map(a -> a.machine + " " + a.type + " " + a.severity).distinct())
                .containsExactlyInAnyOrder(
                        "M2 OVERHEATING CRITICAL",
                        "M4 PRESSURE_LEAK CRITICAL",
                        "M6 STUCK_SENSOR WARNING",
                        "M7 ANOMALY WARNING");
        // (The level anomaly's heartbeats extend its alert: one alert, several OPEN updates.)
        assertThat(
                        alerts.stream()
                                .filter(
                                        a ->
                                                a.type.equals(MaintenanceAlert.ANOMALY)
                                                        && a.status.equals("OPEN"))
                                .map(a -> a.raisedTs)
                                .distinct())
                .containsExactly(at(Duration.ofMinutes(30)), at(Duration.ofMinutes(45)));
        assertThat(alerts)
                .filteredOn(a -> a.type.equals(MaintenanceAlert.ANOMALY))
                .first()
                .satisfies(
                        a ->
                                assertThat(a.evidence)
                                        .startsWith(
                                                "flow level low: 12.000 against its baseline 6.0000"));
    }
}
