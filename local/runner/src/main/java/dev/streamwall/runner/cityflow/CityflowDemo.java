package dev.streamwall.runner.cityflow;

import dev.streamwall.cityflow.CityflowJob;
import dev.streamwall.cityflow.CityflowOptions;
import dev.streamwall.cityflow.workflow.CityflowUids;
import dev.streamwall.cityflow.workflow.CityflowWorkflow;
import dev.streamwall.common.job.JobMain;
import dev.streamwall.generators.city.CityConfig;
import dev.streamwall.generators.city.CitySimulator;
import dev.streamwall.generators.city.CityWireFormat;
import dev.streamwall.generators.city.Road;
import dev.streamwall.generators.city.RoadReading;
import dev.streamwall.generators.city.RoadRecord;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.generators.wire.WirePublisher;
import dev.streamwall.runner.DemoEndpoints;
import dev.streamwall.runner.DemoJob;
import dev.streamwall.wire.Json;
import dev.streamwall.wire.Topics;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The cityflow job in the demo: a simulated city into {@code city.readings} and the board. */
public final class CityflowDemo implements DemoJob {

    public static final String READINGS = Topics.CITY_READINGS;
    public static final String ROADS = Topics.CITY_ROADS;
    public static final String TRUTH = Topics.CITY_TRUTH;

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private final CityConfig city;
    private final TransportFaults transportFaults;

    public CityflowDemo(CityConfig city, TransportFaults transportFaults) {
        this.city = city;
        this.transportFaults = transportFaults;
    }

    @Override
    public String name() {
        return CityflowUids.JOB;
    }

    @Override
    public String events() {
        return "readings";
    }

    @Override
    public Set<String> sideInputOperators() {
        return Set.of(CityflowWorkflow.DECODE_ROADS_NAME);
    }

    @Override
    public String describe() {
        return String.format(
                Locale.ROOT,
                "city of %d roads (2 sensors each, a reading every %d s), from %s UTC for %s,"
                        + " %d lane closure(s) planned and %.1f random per hour",
                city.network().roads().size(),
                city.step().toSeconds(),
                city.start().toString().replace('T', ' ').replace("Z", ""),
                city.duration().toString().substring(2).toLowerCase(Locale.ROOT),
                city.incidents().size(),
                city.incidentsPerHour());
    }

    @Override
    public Map<String, Integer> topics() {
        Map<String, Integer> topics = new LinkedHashMap<>();
        topics.put(READINGS, 4);
        topics.put(ROADS, 1);
        for (String t :
                List.of(
                        TRUTH,
                        Topics.CITY_PREDICTIONS,
                        Topics.CITY_REROUTES,
                        Topics.CITY_INCIDENTS,
                        Topics.CITY_DEAD_LETTERS,
                        Topics.CITY_READINGS_LATE)) {
            topics.put(t, 2);
        }
        return topics;
    }

    @Override
    public String build(StreamExecutionEnvironment env, DemoEndpoints endpoints) {
        // The job reads the road graph when it is built: publish it first, as the generator would.
        publishNetwork(endpoints);
        List<String> args = endpoints.jobArgs("streamwall-demo-city-" + city.seed());
        args.addAll(
                List.of(
                        "--readings-topic",
                        READINGS,
                        "--roads-topic",
                        ROADS,
                        "--truth-topic",
                        TRUTH));
        CityflowOptions options = JobMain.parse(new CityflowJob(), args.toArray(String[]::new));
        JobMain.prepare(options);
        JobMain.build(new CityflowJob(), env, options);
        return options.runtime.jobName;
    }

    private void publishNetwork(DemoEndpoints endpoints) {
        Properties p = new Properties();
        p.putAll(endpoints.kafkaSettings());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "streamwall-demo-roads");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (Road r : city.network().roads()) {
                RoadRecord rec = city.network().record(r, city.start().toEpochMilli());
                producer.send(new ProducerRecord<>(ROADS, r.id(), Json.toBytes(rec)));
            }
            producer.flush();
        }
    }

    @Override
    public Generator startGenerator(DemoEndpoints endpoints, double speed) {
        WirePublisher<RoadReading> publisher =
                new WirePublisher<>(
                        new CitySimulator(city, TRUTH, ROADS),
                        CityWireFormat.INSTANCE,
                        transportFaults,
                        city.seed(),
                        WirePublisher.Options.of(endpoints.bootstrapServers(), READINGS, speed)
                                .withClientSettings(endpoints.kafkaSettings()),
                        "streamwall-demo-city");
        publisher.start();
        return Generator.of(publisher, () -> progress(publisher));
    }

    @Override
    public Board openBoard(DemoEndpoints endpoints) throws SQLException {
        return new CityBoard(endpoints, city.start());
    }

    private String progress(WirePublisher<RoadReading> publisher) {
        long ts = publisher.currentTs();
        return "sim " + (ts <= 0 ? "--:--" : CLOCK.format(Instant.ofEpochMilli(ts)));
    }
}
