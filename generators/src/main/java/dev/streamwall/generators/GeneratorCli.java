package dev.streamwall.generators;

import dev.streamwall.generators.f1.Grid;
import dev.streamwall.generators.f1.RaceConfig;
import dev.streamwall.generators.f1.RaceSimulator;
import dev.streamwall.generators.wire.WireFault;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Command line of the stream generators: {@code f1} plays a simulated race into Kafka, {@code
 * factory} a plant of machines, {@code city} a city's road sensors.
 */
@Command(
        name = "streamwall-generator",
        mixinStandardHelpOptions = true,
        version = "streamwall generators 0.1.0",
        description = "Deterministic sensor-stream generators that write to Kafka.",
        subcommands = {
            GeneratorCli.F1.class,
            dev.streamwall.generators.factory.FactoryCommand.class,
            dev.streamwall.generators.city.CityCommand.class,
            CommandLine.HelpCommand.class
        })
public final class GeneratorCli implements Runnable {

    @Spec CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured picocli command line (tests call {@code execute} on it). */
    public static CommandLine commandLine() {
        return new CommandLine(new GeneratorCli()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(), "Missing generator: use 'f1', 'factory' or 'city'.");
    }

    /** Plays one F1 race into Kafka. */
    @Command(
            name = "f1",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Simulates a Formula 1 race and sends every car's telemetry to Kafka as JSON keyed by"
                        + " car number, and the ground truth of injected faults to a labels topic.",
                "The same seed and options always produce the same race."
            },
            footer = {
                "",
                "Examples:",
                "  f1 --speed 10 --start-time now",
                "  f1 --laps 10 --cars 6 --hz 10 --speed 0 --faults brake_overheat,stuck_sensor@16",
                "  f1 --transport-faults out-of-order=0.01,late=0.001,duplicate=0.001,malformed=0.001"
            })
    static final class F1 implements Callable<Integer> {

        /** Lights out at a fixed time by default, so the same command replays the same race. */
        @Mixin RaceOptions raceOptions = new RaceOptions("2025-07-06T14:00:00Z");

        @Spec CommandSpec spec;

        @Mixin KafkaTarget kafka = new KafkaTarget();

        @Option(
                names = "--topic",
                defaultValue = F1RacePublisher.DEFAULT_TOPIC,
                description = "Telemetry topic (default: ${DEFAULT-VALUE}).")
        String topic;

        @Option(
                names = "--labels-topic",
                defaultValue = F1RacePublisher.DEFAULT_LABELS_TOPIC,
                description = "Fault-label topic (default: ${DEFAULT-VALUE}).")
        String labelsTopic;

        @Mixin Pacing pacing = new Pacing();

        @Option(
                names = "--compression",
                defaultValue = "lz4",
                description = "Producer compression, lz4 or none (default: ${DEFAULT-VALUE}).")
        String compression;

        @Option(
                names = "--dry-run",
                description = "Print the race plan and the number of samples, send nothing.")
        boolean dryRun;

        @Override
        public Integer call() throws InterruptedException {
            RaceConfig race = raceConfig();
            F1RacePublisher.Options options = publisherOptions();
            PrintWriter err = spec.commandLine().getErr();
            PrintWriter out = spec.commandLine().getOut();
            if (dryRun) {
                printPlan(out, race);
                return 0;
            }
            F1RacePublisher publisher =
                    new F1RacePublisher(race, options)
                            .withClientSettings(kafka.client().settingsMap());
            err.printf(
                    "f1: %s to %s (topics %s, %s), speed %s%n",
                    race,
                    options.bootstrapServers(),
                    options.topic(),
                    options.labelsTopic(),
                    pacing.describe());
            err.flush();
            Thread hook = new Thread(publisher::stop, "f1-generator-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            publisher.start();
            long lastEvents = 0;
            long lastNanos = System.nanoTime();
            while (!publisher.awaitTermination(Duration.ofSeconds(1))) {
                long now = System.nanoTime();
                long events = publisher.eventsSent();
                double perSecond = (events - lastEvents) * 1e9 / Math.max(1, now - lastNanos);
                lastEvents = events;
                lastNanos = now;
                err.printf(
                        "f1 %s | %,.0f ev/s | events %,d | records %,d | labels %d | malformed %d | sim %s"
                                + " | lap %d/%d %s%n",
                        race.raceId(),
                        perSecond,
                        events,
                        publisher.recordsSent(),
                        publisher.labelsSent(),
                        publisher.malformedSent(),
                        clock(publisher.simTimeMs()),
                        Math.min(publisher.leaderLap(), race.laps()),
                        race.laps(),
                        publisher.trackStatus());
                err.flush();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already exiting because of Ctrl-C; the hook has stopped the run.
            }
            Throwable failure = publisher.failure();
            summary(err, race, publisher);
            if (failure != null) {
                err.println("f1: failed: " + failure.getMessage());
                err.flush();
                return 1;
            }
            return 0;
        }

        RaceConfig raceConfig() {
            return raceOptions.toConfig(spec.commandLine());
        }

        F1RacePublisher.Options publisherOptions() {
            try {
                return new F1RacePublisher.Options(
                        kafka.bootstrapServers,
                        topic,
                        labelsTopic,
                        pacing.speed,
                        pacing.rate,
                        pacing.max,
                        compression.toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(
                        spec.commandLine(), "Invalid option: " + e.getMessage());
            }
        }

        private static void printPlan(PrintWriter out, RaceConfig race) {
            RaceSimulator sim = new RaceSimulator(race);
            out.println(race);
            out.println("strategies:");
            for (Grid.Entry e : race.entries()) {
                out.printf(
                        "  %3d %s %-13s %s stops after laps %s%s%n",
                        e.car(),
                        e.driver(),
                        e.team(),
                        sim.strategy(e.car()).compounds(),
                        sim.strategy(e.car()).stopLaps(),
                        e.car() == race.noPitCar() ? " (never pits)" : "");
            }
            out.println("neutralisations: " + sim.neutralisations());
            out.println("faults: " + sim.plannedFaults());
            out.printf("samples: %,d%n", RaceSimulator.countEvents(race));
            out.flush();
        }

        private static void summary(PrintWriter err, RaceConfig race, F1RacePublisher p) {
            Map<WireFault, Long> sent = p.sentByFault();
            double seconds = Math.max(0.001, p.elapsedMs() / 1000.0);
            err.printf(
                    "f1 %s done: %,d samples, %,d records (%d duplicate, %d out-of-order, %d late, %d"
                            + " malformed), %d fault labels in %.1f s (%,.0f samples/s); sim time %s,"
                            + " leader lap %d/%d%n",
                    race.raceId(),
                    p.eventsSent(),
                    p.recordsSent(),
                    sent.get(WireFault.DUPLICATE),
                    sent.get(WireFault.OUT_OF_ORDER),
                    sent.get(WireFault.LATE),
                    p.malformedSent(),
                    p.labelsSent(),
                    seconds,
                    p.eventsSent() / seconds,
                    clock(p.simTimeMs()),
                    Math.min(p.leaderLap(), race.laps()),
                    race.laps());
            err.flush();
        }

        private static String clock(long ms) {
            long s = ms / 1000;
            return String.format(
                    "%d:%02d:%02d.%d", s / 3600, (s / 60) % 60, s % 60, (ms % 1000) / 100);
        }
    }
}
