package dev.streamwall.scenarios.factory;

import dev.streamwall.common.kafka.Decoded;
import dev.streamwall.common.options.DurationConverter;
import dev.streamwall.factory.records.MaintenanceAlert;
import dev.streamwall.factory.workflow.FactorySettings;
import dev.streamwall.factory.workflow.FactoryWorkflow;
import dev.streamwall.generators.factory.FactoryFaultType;
import dev.streamwall.generators.factory.FactoryLabel;
import dev.streamwall.generators.factory.PlantConfig;
import dev.streamwall.generators.factory.PlantGenerator;
import dev.streamwall.generators.factory.PlantSimulator;
import dev.streamwall.generators.factory.SensorReading;
import dev.streamwall.scenarios.EvaluationEnvironment;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the factory job's detection (the real graph, on a local Flink) over a simulated plant and
 * scores its alerts against the plant's ground truth: precision, recall and median detection delay
 * per fault type.
 */
@Command(
        name = "factory",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Scores the factory job's alerts against the injected faults of a simulated plant:"
                    + " precision, recall and median detection delay per fault type.",
            "Noise spikes are present and are not faults: an alert they cause counts against"
                    + " precision."
        })
public class FactoryEvaluation implements Callable<Integer> {

    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--machines",
            defaultValue = "50",
            description = "Machines (default: ${DEFAULT-VALUE}).")
    int machines;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Plant seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--sim-duration",
            defaultValue = "4h",
            converter = DurationConverter.class,
            description =
                    "Simulated time; long enough for every fault to end (default: ${DEFAULT-VALUE}).")
    Duration simDuration;

    @Option(
            names = "--faults",
            defaultValue = "default",
            description =
                    "Faults to inject: default, all, none or a list (default: ${DEFAULT-VALUE}).")
    String faults;

    @Option(
            names = "--spikes-per-hour",
            defaultValue = "1.5",
            description = "Noise spikes per sensor and hour (default: ${DEFAULT-VALUE}).")
    double spikesPerHour;

    @Option(
            names = "--slack",
            defaultValue = "10m",
            converter = DurationConverter.class,
            description =
                    "How long after a fault ends an alert still counts for it (default: ${DEFAULT-VALUE}).")
    Duration slack;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FactoryEvaluation()).execute(args));
    }

    /** The plant this evaluation simulates. */
    public PlantConfig plant() {
        return PlantConfig.defaults()
                .withSeed(seed)
                .withMachines(machines)
                .withDuration(simDuration)
                .withFaults(faults)
                .withSpikesPerHour(spikesPerHour);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PlantConfig plant = plant();
        out.println("evaluating the factory detectors on " + plant);
        out.flush();
        long started = System.nanoTime();
        Result result = run(plant, FactorySettings.defaults(), parallelism, slack);
        for (String line : result.score().table()) {
            out.println(line);
        }
        List<Long> leads = maintenanceLeads(result);
        if (!leads.isEmpty()) {
            out.printf(
                    "predictive maintenance before the bearing failed: %d of %d, lead time median"
                            + " %.1f min, shortest %.1f min%n",
                    leads.stream().filter(l -> l > 0).count(),
                    result.faults().stream()
                            .filter(f -> f.type() == FactoryFaultType.BEARING_WEAR)
                            .count(),
                    leads.stream().sorted().toList().get(leads.size() / 2) / 60_000.0,
                    leads.stream().mapToLong(Long::longValue).min().orElse(0) / 60_000.0);
        }
        out.printf(
                "%,d readings, %d faults, %d noise spikes, %d distinct alerts; %.1f s%n",
                result.readings(),
                result.faults().size(),
                result.spikes(),
                result.alerts().stream().map(a -> a.alertId).distinct().count(),
                (System.nanoTime() - started) / 1e9);
        out.flush();
        return 0;
    }

    /**
     * For every worn bearing that got a predictive-maintenance alert: how long before the failure
     * it was raised (negative: after).
     */
    public static List<Long> maintenanceLeads(Result result) {
        List<Long> leads = new ArrayList<>();
        for (FactoryLabel f : result.faults()) {
            if (f.type() != FactoryFaultType.BEARING_WEAR || f.failureTs == null) {
                continue;
            }
            result.alerts().stream()
                    .filter(
                            a ->
                                    a.machine.equals(f.machine)
                                            && MaintenanceAlert.PREDICTIVE_MAINTENANCE.equals(
                                                    a.type)
                                            && a.raisedTs >= f.startTs)
                    .mapToLong(a -> a.raisedTs)
                    .min()
                    .ifPresent(raised -> leads.add(f.failureTs - raised));
        }
        return leads;
    }

    /** What an evaluation run saw and how it scored. */
    public record Result(
            long readings,
            List<FactoryLabel> faults,
            long spikes,
            List<MaintenanceAlert> alerts,
            DetectionScore score) {}

    /** Runs the graph over the plant on a local Flink and scores the alerts. */
    public static Result run(
            PlantConfig plant, FactorySettings settings, int parallelism, Duration slack)
            throws Exception {
        List<FactoryLabel> labels = PlantSimulator.allLabels(plant);
        List<FactoryLabel> faults = labels.stream().filter(l -> l.type().isFault()).toList();
        long spikes = labels.size() - faults.size();
        long readings = PlantSimulator.countEvents(plant);

        StreamExecutionEnvironment env = EvaluationEnvironment.create(parallelism);
        DataStream<Decoded<SensorReading>> decoded =
                EvaluationEnvironment.simulated(
                        env,
                        PlantGenerator.source(plant),
                        "Simulated plant",
                        r -> r.ts,
                        new TypeHint<Decoded<SensorReading>>() {}.getTypeInfo());
        FactoryWorkflow.Outputs outputs = FactoryWorkflow.define(decoded, settings);
        List<MaintenanceAlert> alerts = new ArrayList<>();
        try (CloseableIterator<MaintenanceAlert> it =
                outputs.alerts()
                        .map(a -> a, TypeInformation.of(MaintenanceAlert.class))
                        .executeAndCollect("factory evaluation")) {
            it.forEachRemaining(alerts::add);
        }
        return new Result(
                readings, faults, spikes, alerts, DetectionScore.score(faults, alerts, slack));
    }
}
