package dev.streamwall.factory.functions.scoring;

import dev.streamwall.factory.records.Anomaly;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * How fast the per-sensor scoring runs and how much keyed state it keeps, on one core, without
 * Flink around it: readings per CPU-second of {@link SensorModel#observe} and the serialized size
 * of one sensor's state (what a checkpoint writes per series). Not a test; run with
 *
 * <pre>
 * mvn -q -pl jobs/factory test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.streamwall.factory.functions.scoring.ScoringBenchmark
 * </pre>
 *
 * The series: 200 sensors, 1-minute readings for 20 days, noise, a daily cycle on half of them, a
 * level shift and a spike in each, so every path (profile, episodes, spikes) is exercised.
 */
public final class ScoringBenchmark {

    private ScoringBenchmark() {}

    public static void main(String[] args) throws Exception {
        int sensors = 200;
        int readings = 20 * 24 * 60;
        ScoringParameters p = ScoringParameters.defaults();
        long[] anomalies = {0};
        // Episodes opened per kind, and per day for the sensors with a daily cycle.
        java.util.Map<String, Integer> kinds = new java.util.TreeMap<>();
        Consumer<Anomaly> out =
                a -> {
                    anomalies[0]++;
                    if (a.phase == Anomaly.Phase.START || Anomaly.SPIKE.equals(a.kind)) {
                        boolean daily = Integer.parseInt(a.sensor.substring(1)) % 2 == 0;
                        long day = (a.startTs - 1_700_000_000_000L) / 86_400_000;
                        kinds.merge(
                                (daily ? "cycle " : "flat ") + a.kind + " day " + day,
                                1,
                                Integer::sum);
                    }
                };
        SensorModel[] models = new SensorModel[sensors];
        double[][] values = new double[sensors][readings];
        Random rng = new Random(42);
        for (int s = 0; s < sensors; s++) {
            models[s] = new SensorModel();
            boolean daily = s % 2 == 0;
            for (int i = 0; i < readings; i++) {
                double v = 50 + rng.nextGaussian();
                if (daily) {
                    v += 10 * Math.sin(2 * Math.PI * i / 1440.0);
                }
                if (i > readings * 3 / 4 && i < readings * 3 / 4 + 120) {
                    v += 6;
                }
                if (i == readings / 2) {
                    v += 15;
                }
                values[s][i] = v;
            }
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        // Warm-up on copies (the JIT), then the measured pass on fresh models.
        for (int s = 0; s < 20; s++) {
            SensorModel m = new SensorModel();
            for (int i = 0; i < readings; i++) {
                m.observe("W", "s" + s, i * 60_000L, values[s][i], p, out);
            }
        }
        anomalies[0] = 0;
        kinds.clear();
        long start = cpu.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (int s = 0; s < sensors; s++) {
            SensorModel m = models[s];
            String sensor = "s" + s;
            for (int i = 0; i < readings; i++) {
                m.observe("M", sensor, 1_700_000_000_000L + i * 60_000L, values[s][i], p, out);
            }
        }
        double cpuS = (cpu.getCurrentThreadCpuTime() - start) / 1e9;
        double wallS = (System.nanoTime() - wall) / 1e9;
        long total = (long) sensors * readings;

        TypeSerializer<SensorModel> serializer =
                TypeInformation.of(SensorModel.class).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer buffer = new DataOutputSerializer(1024);
        int max = 0;
        long sum = 0;
        for (SensorModel m : models) {
            buffer.clear();
            serializer.serialize(m, buffer);
            max = Math.max(max, buffer.length());
            sum += buffer.length();
        }
        System.out.printf(
                Locale.ROOT,
                "factory scoring: %,d readings of %d sensors in %.2f CPU-s (%.2f s wall):"
                        + " %,.0f readings per CPU-second; %d anomaly updates%n",
                total,
                sensors,
                cpuS,
                wallS,
                total / cpuS,
                anomalies[0]);
        System.out.println(
                "episodes opened (100 sensors of each; the shift is on day 15, the spike on day"
                        + " 10; a daily profile can be used from day 2): "
                        + kinds);
        System.out.printf(
                Locale.ROOT,
                "state per sensor (Flink POJO serializer, as checkpointed): mean %d bytes, max %d"
                        + " bytes%n",
                sum / sensors,
                max);
    }
}
