package dev.streamwall.runner.db;

import dev.streamwall.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code streamwall db}: the results that {@code streamwall run --keep} kept, queried once ({@code
 * -c}) or served on localhost for psql, Grafana or {@code streamwall sql} until Ctrl-C.
 */
@Command(
        name = "db",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Open the results that `streamwall run ... --keep` kept: run one query (-c) and print"
                    + " its rows, or serve the database on localhost for psql, Grafana or"
                    + " `streamwall sql` until Ctrl-C.",
        },
        footer = {
            "",
            "Examples:",
            "  db -c 'SELECT machine_id, count(*) FROM anomaly_alerts GROUP BY 1'",
            "  db --database run_cityflow_loops"
        })
public final class DbCommand implements Callable<Integer> {

    /** Rows printed at most for one query. */
    static final int SHOWN_ROWS = 1000;

    @Option(
            names = {"-c", "--command"},
            paramLabel = "SQL",
            description = "Run this statement, print its result and exit.")
    String sql;

    @Option(
            names = "--database",
            paramLabel = "NAME",
            description = "The kept database (default: the latest run's; every one is listed).")
    String database;

    @Option(
            names = "--port",
            defaultValue = "" + EmbeddedPostgres.DEMO_PORT,
            description = "Port to serve on, when free (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--work-dir",
            defaultValue = ".streamwall",
            paramLabel = "DIR",
            description = "The work directory of the runs (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        KeptDatabase kept = new KeptDatabase(workDir);
        if (!kept.exists()) {
            out.println(
                    "streamwall db: nothing is kept in "
                            + kept.dataDirectory()
                            + ": run a job with --keep first, e.g. ./streamwall run factory --file"
                            + " plant.csv --keep");
            return 2;
        }
        try (EmbeddedPostgres server = kept.start(port)) {
            List<String> databases = databases(server);
            String chosen = database != null ? database : kept.latest().orElse(null);
            if (chosen == null || !databases.contains(chosen)) {
                out.println(
                        "streamwall db: "
                                + (chosen == null
                                        ? "no database chosen"
                                        : "no kept database " + chosen)
                                + "; kept: "
                                + (databases.isEmpty() ? "none" : String.join(", ", databases))
                                + " (give --database NAME)");
                return 2;
            }
            if (sql != null) {
                return query(server, chosen, out);
            }
            out.println("streamwall db: serving the kept results until Ctrl-C");
            out.println("  databases : " + String.join(", ", databases));
            out.println("  JDBC      : " + server.jdbcUrl(chosen) + " (password in file below)");
            out.println("  password  : " + kept.passwordFile() + " (user " + server.user() + ")");
            out.println("  psql      : " + kept.psqlCommand(server.port(), chosen));
            out.println(
                    "  Flink SQL : STREAMWALL_JDBC_PASSWORD=$(cat "
                            + kept.passwordFile()
                            + ") ./streamwall sql --jdbc-url jdbc:postgresql://localhost:"
                            + server.port()
                            + "/"
                            + chosen
                            + " (needs a Kafka too: --kafka)");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(
                                    () -> {
                                        server.close();
                                        stopped.countDown();
                                    },
                                    "streamwall-db-stop"));
            stopped.await();
            return 0;
        }
    }

    private int query(EmbeddedPostgres server, String chosen, PrintStream out) {
        try (Connection c = server.connect(chosen);
                Statement s = c.createStatement()) {
            s.setMaxRows(SHOWN_ROWS + 1);
            if (!s.execute(sql)) {
                out.println(s.getUpdateCount() + " rows changed");
                return 0;
            }
            try (ResultSet r = s.getResultSet()) {
                print(r, out);
            }
            return 0;
        } catch (SQLException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            out.println("streamwall db: " + m.lines().findFirst().orElse(m));
            return 1;
        }
    }

    /** The rows as an aligned text table, like psql's, with the count below. */
    static void print(ResultSet r, PrintStream out) throws SQLException {
        ResultSetMetaData meta = r.getMetaData();
        int columns = meta.getColumnCount();
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[columns];
        int[] width = new int[columns];
        for (int i = 0; i < columns; i++) {
            header[i] = meta.getColumnLabel(i + 1);
            width[i] = header[i].length();
        }
        boolean more = false;
        while (r.next()) {
            if (rows.size() == SHOWN_ROWS) {
                more = true;
                break;
            }
            String[] row = new String[columns];
            for (int i = 0; i < columns; i++) {
                String v = r.getString(i + 1);
                row[i] = v == null ? "" : v.replace('\n', ' ');
                width[i] = Math.max(width[i], row[i].length());
            }
            rows.add(row);
        }
        out.println(line(header, width));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < columns; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
        }
        out.println(rule);
        rows.forEach(row -> out.println(line(row, width)));
        out.println(
                more
                        ? String.format(Locale.ROOT, "(first %,d rows shown)", SHOWN_ROWS)
                        : String.format(Locale.ROOT, "(%,d rows)", rows.size()));
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            b.append(i == 0 ? "" : " | ")
                    .append(String.format(Locale.ROOT, "%-" + width[i] + "s", cells[i]));
        }
        return b.toString().stripTrailing();
    }

    private static List<String> databases(EmbeddedPostgres server) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = server.connect("postgres");
                Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery(
                                "SELECT datname FROM pg_database WHERE datname LIKE 'run\\_%'"
                                        + " ORDER BY 1")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }
}
