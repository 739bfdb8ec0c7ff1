package dev.streamwall.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.generators.wire.Simulation;
import dev.streamwall.generators.wire.SimulationSlice;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.generators.wire.WireFormat;
import dev.streamwall.generators.wire.WirePublisher;

/** Sends parts of a simulation to Kafka in order, for tests that do something in between. */
public final class InOrder {

    private InOrder() {}

    /**
     * Sends records {@code [from, from + count)} of {@code sim} to {@code topic}, in order, with no
     * transport faults, and checks that all were sent.
     */
    public static <T> void publish(
            EmbeddedInfra infra,
            String topic,
            Simulation<T> sim,
            WireFormat<T> format,
            long from,
            long count) {
        WirePublisher<T> publisher =
                new WirePublisher<>(
                        new SimulationSlice<>(sim, from, count),
                        format,
                        TransportFaults.NONE,
                        0,
                        WirePublisher.Options.of(infra.bootstrapServers(), topic, 0));
        publisher.runToEnd();
        assertThat(publisher.eventsSent()).isEqualTo(count);
    }
}
