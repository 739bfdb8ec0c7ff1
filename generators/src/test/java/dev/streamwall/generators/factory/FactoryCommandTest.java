package dev.streamwall.generators.factory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.generators.wire.TransportFaults;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FactoryCommandTest {

    @Test
    void optionsBecomeThePlantAndThePublisherSettings() {
        FactoryCommand cmd = new FactoryCommand();
        new CommandLine(cmd)
                .parseArgs(
                        "--kafka",
                        "k:9092",
                        "--machines",
                        "7",
                        "--seed",
                        "3",
                        "--speed",
                        "60",
                        "--sim-duration",
                        "2h",
                        "--faults",
                        "overheating@M02",
                        "--transport-faults",
                        "malformed=0.01");
        PlantConfig plant = cmd.plant();
        assertThat(plant.machines()).isEqualTo(7);
        assertThat(plant.seed()).isEqualTo(3);
        assertThat(plant.duration()).isEqualTo(Duration.ofHours(2));
        PlantPublisher.Options o = cmd.publisherOptions();
        assertThat(o.bootstrapServers()).isEqualTo("k:9092");
        assertThat(o.speed()).isEqualTo(60);
        assertThat(o.transportFaults()).isEqualTo(new TransportFaults(0, 0, 0, 0.01));
    }

    @Test
    void aDryRunPrintsThePlannedFaults() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new FactoryCommand());
        cli.setOut(new PrintWriter(out));
        int code = cli.execute("--machines", "5", "--faults", "all", "--dry-run");
        assertThat(code).isZero();
        assertThat(out.toString())
                .contains(
                        "5 machines",
                        "bearing_wear",
                        "overheating",
                        "pressure_leak",
                        "stuck_sensor");
    }

    @Test
    void aBadFaultIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new FactoryCommand());
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("--faults", "melting", "--dry-run")).isNotZero();
        assertThat(err.toString()).contains("unknown fault");
    }
}
