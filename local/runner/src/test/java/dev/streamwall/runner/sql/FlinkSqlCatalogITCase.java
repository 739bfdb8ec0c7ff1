package dev.streamwall.runner.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.cityflow.CityflowJob;
import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.embedded.EmbeddedInfraExtension;
import dev.streamwall.embedded.JobStack;
import dev.streamwall.embedded.MiniClusterTest;
import dev.streamwall.factory.FactoryJob;
import dev.streamwall.generators.F1RacePublisher;
import dev.streamwall.generators.city.CityConfig;
import dev.streamwall.generators.city.CitySimulator;
import dev.streamwall.generators.city.CityWireFormat;
import dev.streamwall.generators.city.RoadReading;
import dev.streamwall.generators.f1.RaceConfig;
import dev.streamwall.generators.factory.PlantConfig;
import dev.streamwall.generators.factory.PlantPublisher;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.generators.wire.WirePublisher;
import dev.streamwall.pitwall.PitwallJob;
import dev.streamwall.runner.cityflow.CityflowDemo;
import dev.streamwall.runner.factory.FactoryDemo;
import dev.streamwall.runner.pitwall.PitwallDemo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Flink SQL catalog and every documented ad-hoc query under {@code sql/flink/queries}, run
 * against the real broker and database after the generator and the job have filled them: each query
 * returns rows with the columns its header documents.
 */
@ExtendWith(EmbeddedInfraExtension.class)
class FlinkSqlCatalogITCase implements MiniClusterTest {

    private static final Path QUERIES = Path.of("../../sql/flink/queries");

    /** Samples in the race below: 5 cars, 8 laps of about 88 s at 10 Hz. */
    private static final long RACE_SAMPLES = 5 * 8 * 88 * 5;

    private static Map<String, String> variables;

    @BeforeAll
    static void fillTheTopicsAndTables(EmbeddedInfra infra) throws Exception {
        RaceConfig race =
                RaceConfig.builder()
                        .seed(23)
                        .raceId("sql-23")
                        .startTime(Instant.parse("2026-07-05T14:00:00Z"))
                        .cars(5)
                        .laps(8)
                        .sampleHz(5)
                        .allFaults()
                        .transportFaults(TransportFaults.parse("malformed=0.005"))
                        .build();
        // The topics the demo uses, under their real names: the catalog names them.
        infra.kafka().createTopics(new PitwallDemo(race, 1).topics());
        F1RacePublisher publisher =
                new F1RacePublisher(
                        race,
                        F1RacePublisher.Options.defaults(infra.bootstrapServers())
                                .withSpeed(0)
                                // Stop mid-race, so "now" queries find cars still racing.
                                .withMaxEvents(RACE_SAMPLES * 6 / 10));
        publisher.run();
        assertThat(publisher.failure()).isNull();

        String jdbcUrl = infra.freshDatabase();
        // The demo's topics under their real names (the catalog names them), into one database.
        new JobStack<>(infra, new PitwallJob(), jdbcUrl).onHeap().runToEnd("sql-itcase");

        fillFactory(infra, jdbcUrl);
        fillCityflow(infra, jdbcUrl);

        variables =
                FlinkSqlScripts.variables(
                        infra.bootstrapServers(), "latest-offset", jdbcUrl, "postgres", "");
    }

    /** A small plant with a worn bearing, through the factory job into the same database. */
    private static void fillFactory(EmbeddedInfra infra, String jdbcUrl) throws Exception {
        PlantConfig plant =
                PlantConfig.defaults()
                        .withSeed(5)
                        .withMachines(3)
                        .withStart(Instant.parse("2026-03-02T05:00:00Z"))
                        .withDuration(Duration.ofMinutes(90))
                        .withFaults("bearing_wear@M01+10m,overheating@M02+20m");
        infra.kafka().createTopics(new FactoryDemo(plant, TransportFaults.NONE, 1).topics());
        PlantPublisher publisher =
                new PlantPublisher(
                        plant,
                        PlantPublisher.Options.defaults(infra.bootstrapServers()).withSpeed(0));
        publisher.run();
        assertThat(publisher.failure()).isNull();
        new JobStack<>(infra, new FactoryJob(), jdbcUrl).onHeap().runToEnd("sql-itcase");
    }

    /**
     * A blocked avenue in the morning rush, through the cityflow job into the same database. The
     * closure outlasts the data, so "open" queries find an incident still open.
     */
    private static void fillCityflow(EmbeddedInfra infra, String jdbcUrl) throws Exception {
        CityConfig city =
                CityConfig.defaults()
                        .withStart(Instant.parse("2026-03-03T07:20:00Z"))
                        .withDuration(Duration.ofMinutes(75))
                        .withIncidents("R20@25m+60m/2", 0);
        infra.kafka().createTopics(new CityflowDemo(city, TransportFaults.NONE).topics());
        WirePublisher<RoadReading> publisher =
                new WirePublisher<>(
                        new CitySimulator(city, CityflowDemo.TRUTH, CityflowDemo.ROADS),
                        CityWireFormat.INSTANCE,
                        TransportFaults.NONE,
                        city.seed(),
                        WirePublisher.Options.of(
                                infra.bootstrapServers(), CityflowDemo.READINGS, 0),
                        "sql-itcase-city");
        publisher.run();
        assertThat(publisher.failure()).isNull();
        new JobStack<>(infra, new CityflowJob(), jdbcUrl).onHeap().runToEnd("sql-itcase");
    }

    static Stream<String> queries() throws IOException {
        try (Stream<Path> files = Files.list(QUERIES)) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".sql"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("queries")
    void theQueryReturnsRowsOfItsDocumentedShape(String file) throws Exception {
        String query = Files.readString(QUERIES.resolve(file), StandardCharsets.UTF_8);
        List<String> columns = FlinkSqlScripts.documentedColumns(query);

        StreamTableEnvironment tables =
                StreamTableEnvironment.create(StreamExecutionEnvironment.getExecutionEnvironment());
        for (String statement :
                FlinkSqlScripts.statements(
                        FlinkSqlScripts.substitute(FlinkSqlScripts.catalog(), variables))) {
            tables.executeSql(statement);
        }
        List<String> statements = FlinkSqlScripts.statements(query);
        assertThat(statements).as("one statement per query file").hasSize(1);

        TableResult result = tables.executeSql(statements.get(0));
        assertThat(result.getResolvedSchema().getColumnNames()).isEqualTo(columns);
        List<Row> rows = materialize(result);
        assertThat(rows).as("rows of %s", file).isNotEmpty();
        assertThat(rows).allSatisfy(r -> assertThat(r.getArity()).isEqualTo(columns.size()));
    }

    /** The README's shell, on a query file: Flink's SQL client prints the documented columns. */
    @org.junit.jupiter.api.Test
    void theSqlShellRunsAQueryFile() throws Exception {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        int code;
        System.setOut(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            code =
                    dev.streamwall.runner.StreamwallCli.commandLine()
                            .execute(
                                    "sql",
                                    "--kafka",
                                    variables.get("KAFKA_BOOTSTRAP"),
                                    "--jdbc-url",
                                    variables.get("JDBC_URL"),
                                    "--snapshot",
                                    "--work-dir",
                                    Files.createTempDirectory("sql-shell").toString(),
                                    "-f",
                                    QUERIES.resolve("dead-letters-by-reason.sql").toString());
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        original.println(out);
        assertThat(code).isZero();
        assertThat(out).contains("reason").contains("pitwall").containsPattern("[A-Z_]+");
    }

    /** The final table of a changelog: inserts and update-afters, minus retractions. */
    private static List<Row> materialize(TableResult result) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            while (it.hasNext()) {
                Row r = it.next();
                RowKind kind = r.getKind();
                r.setKind(RowKind.INSERT);
                if (kind == RowKind.INSERT || kind == RowKind.UPDATE_AFTER) {
                    rows.add(r);
                } else {
                    rows.remove(r);
                }
            }
        }
        return rows;
    }
}
