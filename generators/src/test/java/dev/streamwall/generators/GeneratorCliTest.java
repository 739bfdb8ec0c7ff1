package dev.streamwall.generators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.generators.f1.FaultSpec;
import dev.streamwall.generators.f1.FaultType;
import dev.streamwall.generators.f1.RaceConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GeneratorCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = GeneratorCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void helpDescribesEveryOption() {
        assertThat(run("f1", "--help")).isZero();
        String help = out.toString();
        for (String option :
                new String[] {
                    "--kafka",
                    "--topic",
                    "--labels-topic",
                    "--seed",
                    "--laps",
                    "--hz",
                    "--cars",
                    "--speed",
                    "--rate",
                    "--max",
                    "--start-time",
                    "--faults",
                    "--no-pit-car",
                    "--transport-faults"
                }) {
            assertThat(help).contains(option);
        }
        assertThat(help).contains("default: localhost:9092").contains("default: f1.telemetry");
    }

    @Test
    void theOldKafkaOptionNameStillWorksAndSaysSo() {
        assertThat(run("f1", "--bootstrap-servers", "broker:9092", "--dry-run", "--laps", "2"))
                .isZero();
        assertThat(err.toString()).contains("--bootstrap-servers is now --kafka");
    }

    @Test
    void aDryRunPrintsThePlanWithoutKafka() {
        assertThat(
                        run(
                                "f1",
                                "--dry-run",
                                "--laps",
                                "9",
                                "--cars",
                                "6",
                                "--hz",
                                "2",
                                "--no-pit-car",
                                "16"))
                .isZero();
        assertThat(out.toString())
                .contains("strategies:")
                .contains("(never pits)")
                .contains("faults: [")
                .contains("samples: ");
    }

    @Test
    void badArgumentsGetClearMessages() {
        assertThat(run("f1", "--hz", "500", "--dry-run")).isEqualTo(2);
        assertThat(err.toString()).contains("sample rate must be 1 to 100 Hz");

        assertThat(run("f1", "--faults", "brake_fire", "--dry-run")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown fault 'brake_fire'");

        assertThat(run("f1", "--transport-faults", "late=lots", "--dry-run")).isEqualTo(2);
        assertThat(err.toString()).contains("'--transport-faults'").contains("not a number");

        assertThat(run("f1", "--start-time", "yesterday", "--dry-run")).isEqualTo(2);
        assertThat(err.toString()).contains("'--start-time'");

        assertThat(run("f1", "--no-pit-car", "99", "--dry-run")).isEqualTo(2);
        assertThat(err.toString()).contains("no-pit car 99 is not in the race");

        assertThat(run("f1", "--laps", "ten")).isEqualTo(2);
        assertThat(err.toString()).contains("--laps");

        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing generator");
    }

    @Test
    void optionsBecomeTheRaceConfiguration() {
        CommandLine cli = GeneratorCli.commandLine();
        CommandLine.ParseResult parsed =
                cli.parseArgs(
                        "f1",
                        "--seed",
                        "7",
                        "--laps",
                        "12",
                        "--hz",
                        "20",
                        "--cars",
                        "8",
                        "--start-time",
                        "2025-07-06T15:00:00+01:00",
                        "--faults",
                        "stuck-sensor@16,engine_overheat",
                        "--neutralisations",
                        "none",
                        "--transport-faults",
                        "duplicate=0.01");
        GeneratorCli.F1 f1 = (GeneratorCli.F1) parsed.subcommand().commandSpec().userObject();
        RaceConfig race = f1.raceConfig();
        assertThat(race.raceId()).isEqualTo("silverstone-7");
        assertThat(race.laps()).isEqualTo(12);
        assertThat(race.sampleHz()).isEqualTo(20);
        assertThat(race.cars()).isEqualTo(8);
        assertThat(race.startTime()).isEqualTo(RaceConfig.DEFAULT_START_TIME);
        assertThat(race.faults())
                .containsExactly(
                        FaultSpec.of(FaultType.STUCK_SENSOR, 16),
                        FaultSpec.of(FaultType.ENGINE_OVERHEAT));
        assertThat(race.neutralisationMode()).isEqualTo(RaceConfig.NeutralisationMode.NONE);
        assertThat(race.transportFaults().duplicate()).isEqualTo(0.01);

        parsed = cli.parseArgs("f1", "--start-time", "now", "--faults", "none");
        f1 = (GeneratorCli.F1) parsed.subcommand().commandSpec().userObject();
        long before = System.currentTimeMillis();
        assertThat(f1.raceConfig().startTime()).isBetween(before - 5_000, before + 5_000);
        assertThat(f1.raceConfig().faultMode()).isEqualTo(RaceConfig.FaultMode.NONE);
    }
}
