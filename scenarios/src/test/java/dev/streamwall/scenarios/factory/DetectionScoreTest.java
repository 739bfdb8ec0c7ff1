package dev.streamwall.scenarios.factory;

import static dev.streamwall.factory.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.factory.records.MaintenanceAlert;
import dev.streamwall.generators.factory.FactoryFaultType;
import dev.streamwall.generators.factory.FactoryLabel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionScoreTest {

    private static FactoryLabel label(
            String machine, FactoryFaultType t, String sensor, int fromMin, int toMin) {
        return new FactoryLabel(
                "p",
                machine,
                t,
                sensor,
                at(Duration.ofMinutes(fromMin)),
                at(Duration.ofMinutes(toMin)),
                null);
    }

    private static MaintenanceAlert alert(
            String id, String machine, String type, String sensor, int raisedMin) {
        MaintenanceAlert a = new MaintenanceAlert();
        a.alertId = id;
        a.machine = machine;
        a.type = type;
        a.sensor = sensor;
        a.raisedTs = at(Duration.ofMinutes(raisedMin));
        return a;
    }

    @Test
    void scoresPrecisionRecallAndMedianDelayPerFaultType() {
        List<FactoryLabel> labels =
                List.of(
                        label("M1", FactoryFaultType.OVERHEATING, "temp", 30, 60),
                        label("M2", FactoryFaultType.OVERHEATING, "temp", 40, 70),
                        label("M3", FactoryFaultType.OVERHEATING, "temp", 40, 70),
                        label("M4", FactoryFaultType.STUCK_SENSOR, "pressure", 10, 20));
        List<MaintenanceAlert> alerts =
                List.of(
                        alert("a", "M1", MaintenanceAlert.OVERHEATING, "temp", 34),
                        alert("a", "M1", MaintenanceAlert.OVERHEATING, "temp", 34), // a later state
                        alert("b", "M2", MaintenanceAlert.OVERHEATING, "temp", 46),
                        alert(
                                "c",
                                "M5",
                                MaintenanceAlert.OVERHEATING,
                                "temp",
                                46), // no fault there
                        alert(
                                "d",
                                "M4",
                                MaintenanceAlert.STUCK_SENSOR,
                                "temp",
                                11)); // wrong sensor
        DetectionScore s = DetectionScore.score(labels, alerts, Duration.ofMinutes(10));

        DetectionScore.Row heat = s.row(FactoryFaultType.OVERHEATING);
        assertThat(heat.alerts()).isEqualTo(3);
        assertThat(heat.precision()).isEqualTo(2 / 3.0);
        assertThat(heat.recall()).isEqualTo(2 / 3.0);
        assertThat(heat.medianDelay()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.row(FactoryFaultType.STUCK_SENSOR).recall()).isZero();
        assertThat(s.row(FactoryFaultType.BEARING_WEAR).faults()).isZero();
        assertThat(s.table()).hasSize(6);
    }

    @Test
    void anAlertLongAfterTheFaultEndedDoesNotCount() {
        DetectionScore s =
                DetectionScore.score(
                        List.of(label("M1", FactoryFaultType.PRESSURE_LEAK, "pressure", 30, 60)),
                        List.of(alert("a", "M1", MaintenanceAlert.PRESSURE_LEAK, "pressure", 75)),
                        Duration.ofMinutes(10));
        assertThat(s.precision()).isZero();
        assertThat(s.recall()).isZero();
    }
}
