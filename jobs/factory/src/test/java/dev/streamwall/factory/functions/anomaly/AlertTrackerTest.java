package dev.streamwall.factory.functions.anomaly;

import static dev.streamwall.factory.Fixtures.M1;
import static dev.streamwall.factory.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.factory.records.MaintenanceAlert;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertTrackerTest {

    private static final Duration GAP = Duration.ofMinutes(10);

    private KeyedOneInputStreamOperatorTestHarness<String, MaintenanceAlert, MaintenanceAlert>
            harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new AlertTracker(GAP)),
                        a -> a.machine,
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static MaintenanceAlert candidate(
            String type, String sensor, int priority, Duration raised, String severity) {
        MaintenanceAlert a = new MaintenanceAlert();
        a.machine = M1;
        a.type = type;
        a.sensor = sensor;
        a.priority = priority;
        a.startTs = at(raised.minusMinutes(5));
        a.raisedTs = at(raised);
        a.endTs = at(raised);
        a.severity = severity;
        a.evidence = type + " at " + raised;
        return a;
    }

    private void push(MaintenanceAlert a) throws Exception {
        harness.processElement(new StreamRecord<>(a, a.raisedTs));
    }

    private List<MaintenanceAlert> out() {
        return harness.extractOutputValues();
    }

    @Test
    void opensGrowsAndClosesOneAlertUnderOneId() throws Exception {
        push(
                candidate(
                        MaintenanceAlert.PRESSURE_LEAK,
                        "pressure",
                        1,
                        Duration.ofMinutes(30),
                        "WARNING"));
        push(
                candidate(
                        MaintenanceAlert.PRESSURE_LEAK,
                        "pressure",
                        1,
                        Duration.ofMinutes(32),
                        "CRITICAL"));
        assertThat(out()).as("nothing before the watermark passes").isEmpty();

        harness.processWatermark(at(Duration.ofMinutes(33)));
        assertThat(out())
                .extracting(a -> a.status + " " + a.severity)
                .containsExactly("OPEN WARNING", "OPEN CRITICAL");
        assertThat(out()).extracting(a -> a.alertId).containsOnly(out().get(0).alertId);

        harness.processWatermark(at(Duration.ofMinutes(32).plus(GAP)));
        assertThat(out())
                .last()
                .satisfies(
                        a -> {
                            assertThat(a.status).isEqualTo("CLOSED");
                            assertThat(a.endTs).isEqualTo(at(Duration.ofMinutes(32)));
                            assertThat(a.raisedTs).isEqualTo(at(Duration.ofMinutes(30)));
                        });
        // The closed alert is kept a week for its episode's later evidence, then dropped.
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        harness.processWatermark(at(Duration.ofDays(8)));
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void overheatingOnAMachineWithAWornBearingIsPartOfTheMaintenanceAlert() throws Exception {
        // The overheating rule's operator may deliver first: order is restored by event time.
        push(candidate(MaintenanceAlert.OVERHEATING, "temp", 1, Duration.ofMinutes(61), "WARNING"));
        push(
                candidate(
                        MaintenanceAlert.PREDICTIVE_MAINTENANCE,
                        "vibration+temp",
                        0,
                        Duration.ofMinutes(60),
                        "WARNING"));
        harness.processWatermark(at(Duration.ofMinutes(90)));

        assertThat(out())
                .extracting(a -> a.type)
                .containsOnly(MaintenanceAlert.PREDICTIVE_MAINTENANCE);
        assertThat(out()).extracting(a -> a.status).containsExactly("OPEN", "OPEN", "CLOSED");
        assertThat(out().get(1).evidence).contains("; now OVERHEATING");
        harness.processWatermark(at(Duration.ofDays(8)));
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aRepeatAfterTheGapIsANewAlert() throws Exception {
        push(
                candidate(
                        MaintenanceAlert.STUCK_SENSOR,
                        "temp",
                        1,
                        Duration.ofMinutes(20),
                        "WARNING"));
        push(
                candidate(
                        MaintenanceAlert.STUCK_SENSOR,
                        "temp",
                        1,
                        Duration.ofMinutes(50),
                        "WARNING"));
        harness.processWatermark(at(Duration.ofHours(2)));
        assertThat(out().stream().map(a -> a.alertId).distinct()).hasSize(2);
        assertThat(out())
                .extracting(a -> a.status)
                .containsExactly("OPEN", "CLOSED", "OPEN", "CLOSED");
    }

    @Test
    void anEpisodesEvidenceAfterTheGapContinuesItsAlert() throws Exception {
        // A stuck hourly meter: its episode (stuck since minute 0) reports every ten hours.
        MaintenanceAlert first =
                candidate(
                        MaintenanceAlert.STUCK_SENSOR,
                        "rate",
                        1,
                        Duration.ofMinutes(20),
                        "WARNING");
        first.startTs = at(Duration.ZERO);
        push(first);
        harness.processWatermark(at(Duration.ofHours(5)));
        MaintenanceAlert later =
                candidate(
                        MaintenanceAlert.STUCK_SENSOR, "rate", 1, Duration.ofHours(10), "WARNING");
        later.startTs = at(Duration.ZERO);
        push(later);
        harness.processWatermark(at(Duration.ofHours(12)));

        assertThat(out().stream().map(a -> a.alertId).distinct()).hasSize(1);
        assertThat(out())
                .extracting(a -> a.status)
                .containsExactly("OPEN", "CLOSED", "OPEN", "CLOSED");
        assertThat(out().get(3).endTs).isEqualTo(at(Duration.ofHours(10)));

        // A week later the closed alert is forgotten: the state holds nothing for the machine.
        harness.processWatermark(at(Duration.ofDays(8)));
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void evidenceRaisedWithinTheGapMergesWhetherItCameBeforeTheCloseOrAfter() throws Exception {
        // A spike at minute 20, another at minute 28 reported (record time) at minute 31: in
        // time for the close at minute 30 or not, depending on the watermark's pace.
        MaintenanceAlert first =
                candidate(MaintenanceAlert.ANOMALY, "rate", 1, Duration.ofMinutes(20), "WARNING");
        MaintenanceAlert second =
                candidate(MaintenanceAlert.ANOMALY, "rate", 1, Duration.ofMinutes(28), "WARNING");
        second.startTs = second.raisedTs;
        first.startTs = first.raisedTs;
        push(first);
        harness.processWatermark(at(Duration.ofMinutes(30)));
        harness.processElement(new StreamRecord<>(second, at(Duration.ofMinutes(31))));
        harness.processWatermark(at(Duration.ofHours(2)));

        assertThat(out().stream().map(a -> a.alertId).distinct()).hasSize(1);
        assertThat(out().get(out().size() - 1))
                .satisfies(
                        a -> {
                            assertThat(a.status).isEqualTo("CLOSED");
                            assertThat(a.endTs).isEqualTo(at(Duration.ofMinutes(28)));
                        });
    }
}
