package dev.streamwall.generators.f1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamwall.generators.wire.TransportFaults;
import java.util.List;
import org.junit.jupiter.api.Test;

class RaceConfigTest {

    @Test
    void defaultsAreTheFullBritishGrandPrix() {
        RaceConfig c = RaceConfig.builder().build();
        assertThat(c.raceId()).isEqualTo("silverstone-42");
        assertThat(c.seed()).isEqualTo(42);
        assertThat(c.laps()).isEqualTo(52);
        assertThat(c.sampleHz()).isEqualTo(100);
        assertThat(c.cars()).isEqualTo(20);
        assertThat(c.startTime()).isEqualTo(1_751_810_400_000L);
        assertThat(c.faultMode()).isEqualTo(RaceConfig.FaultMode.ONE_OF_EACH);
        assertThat(c.neutralisationMode()).isEqualTo(RaceConfig.NeutralisationMode.SEEDED);
        assertThat(c.noPitCar()).isZero();
        assertThat(c.transportFaults()).isEqualTo(TransportFaults.NONE);
        assertThat(c.toBuilder().build().toString()).isEqualTo(c.toString());
    }

    @Test
    void theDefaultRaceHasOneFaultOfEachKindAndNeutralisations() {
        RaceSimulator sim = new RaceSimulator(RaceConfig.builder().build());
        assertThat(sim.plannedFaults())
                .extracting(FaultSpec::type)
                .containsExactly(FaultType.values());
        assertThat(sim.plannedFaults()).extracting(FaultSpec::car).doesNotHaveDuplicates();
        assertThat(sim.neutralisations())
                .extracting(Neutralisation::status)
                .contains(TrackStatus.VSC);
        assertThat(new RaceSimulator(RaceConfig.builder().laps(12).build()).neutralisations())
                .hasSize(1);
        assertThat(new RaceSimulator(RaceConfig.builder().laps(6).build()).neutralisations())
                .isEmpty();
    }

    @Test
    void outOfRangeOptionsAreRejectedWithAReason() {
        assertThatThrownBy(() -> RaceConfig.builder().laps(0).build())
                .hasMessageContaining("laps must be between 1 and 200");
        assertThatThrownBy(() -> RaceConfig.builder().sampleHz(0).build())
                .hasMessageContaining("1 to 100 Hz");
        assertThatThrownBy(() -> RaceConfig.builder().cars(21).build())
                .hasMessageContaining("between 1 and 20");
        assertThatThrownBy(() -> RaceConfig.builder().cars(4).noPitCar(55).build())
                .hasMessageContaining("not in the race");
        assertThatThrownBy(
                        () ->
                                RaceConfig.builder()
                                        .noPitCar(16)
                                        .faults(List.of(FaultSpec.of(FaultType.SLOW_PUNCTURE, 16)))
                                        .build())
                .hasMessageContaining("no-pit car");
        assertThatThrownBy(
                        () ->
                                RaceConfig.builder()
                                        .faults(
                                                List.of(
                                                        FaultSpec.of(FaultType.SLOW_PUNCTURE, 4),
                                                        FaultSpec.of(FaultType.STUCK_SENSOR, 4)))
                                        .build())
                .hasMessageContaining("more than one fault");
        assertThatThrownBy(
                        () ->
                                RaceConfig.builder()
                                        .laps(10)
                                        .neutralisations(List.of(Neutralisation.vsc(10, 0.5, 60)))
                                        .build())
                .hasMessageContaining("outside laps");
    }

    @Test
    void faultNamesParseLikeTheCommandLineWritesThem() {
        assertThat(FaultSpec.parse("brake-overheat"))
                .isEqualTo(FaultSpec.of(FaultType.BRAKE_OVERHEAT));
        assertThat(FaultSpec.parse("SLOW_PUNCTURE@81"))
                .isEqualTo(FaultSpec.of(FaultType.SLOW_PUNCTURE, 81));
        assertThatThrownBy(() -> FaultSpec.parse("engine@x"))
                .hasMessageContaining("not a car number");
    }
}
