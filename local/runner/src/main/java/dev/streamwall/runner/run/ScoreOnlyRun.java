package dev.streamwall.runner.run;

import dev.streamwall.common.db.DatabaseCheck;
import dev.streamwall.common.options.JdbcOptions;
import dev.streamwall.embedded.EmbeddedPostgres;
import dev.streamwall.generators.replay.CsvReplay;
import dev.streamwall.generators.wire.WirePublisher;
import dev.streamwall.runner.db.KeptDatabase;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code streamwall run --score-only}: reads the file as a run would, sends nothing, and scores
 * what an earlier run wrote (into {@code --jdbc-url}, or kept with {@code --keep}).
 */
final class ScoreOnlyRun {

    private final RunOptions options;
    private final PrintStream out;
    private final RunReport report;

    ScoreOnlyRun(RunOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.report = new RunReport(options, out);
    }

    /** {@code --score-only --keep}: scores what an earlier {@code --keep} run of the file kept. */
    int scoreKept(
            RecordingJob recording,
            CsvReplay.RowMapper mapper,
            String command,
            KeptDatabase kept,
            String database)
            throws SQLException {
        if (!kept.exists()) {
            out.println(
                    command
                            + ": nothing is kept in "
                            + kept.dataDirectory()
                            + ": run the file with --keep first (without --score-only)");
            return 2;
        }
        try (EmbeddedPostgres server = kept.start(0)) {
            try (Connection c = server.connect("postgres");
                    Statement s = c.createStatement();
                    ResultSet r =
                            s.executeQuery(
                                    "SELECT 1 FROM pg_database WHERE datname = '"
                                            + database
                                            + "'")) {
                if (!r.next()) {
                    out.println(
                            command
                                    + ": no kept results of "
                                    + options.file.getFileName()
                                    + " (database "
                                    + database
                                    + "): run it with --keep first");
                    return 2;
                }
            }
            return score(
                    recording,
                    mapper,
                    command,
                    server.jdbcUrl(database),
                    server.user(),
                    server.password(),
                    "the kept database " + database);
        }
    }

    /**
     * {@code --score-only}: reads the file through the mapper as a run would (what the scores need
     * from it: label columns, pit stops, recorded speeds), sends nothing, and scores the tables an
     * earlier run wrote into {@code --jdbc-url}.
     */
    int scoreOnly(RecordingJob recording, CsvReplay.RowMapper mapper, String command)
            throws SQLException {
        if (options.jdbcUrl == null) {
            out.println(
                    command
                            + ": --score-only scores what an earlier run wrote into a database: give"
                            + " it with --jdbc-url (an embedded database is deleted when its run"
                            + " ends)");
            return 2;
        }
        String password = System.getenv().getOrDefault(JdbcOptions.PASSWORD_ENV, "");
        try {
            DatabaseCheck.connect(
                    options.jdbcUrl, options.jdbcUser, password, Duration.ofSeconds(10));
        } catch (DatabaseCheck.Unreachable e) {
            out.println(command + ": " + e.getMessage());
            return 2;
        }
        return score(
                recording,
                mapper,
                command,
                options.jdbcUrl,
                options.jdbcUser,
                password,
                DatabaseCheck.redact(options.jdbcUrl));
    }

    /** Reads the file as a run would, sends nothing, and scores what the database holds. */
    private int score(
            RecordingJob recording,
            CsvReplay.RowMapper mapper,
            String command,
            String jdbcUrl,
            String user,
            String password,
            String where)
            throws SQLException {
        CsvReplay.Result replay;
        try (var discard =
                new MockProducer<String, byte[]>(
                        true, null, new StringSerializer(), new ByteArraySerializer())) {
            replay =
                    new CsvReplay(
                                    options.file,
                                    mapper,
                                    new WirePublisher.Options(
                                            "score-only:0", "score-only", 0, 0, 0))
                            .run(discard);
        } catch (IllegalArgumentException e) {
            out.println(command + ": " + e.getMessage());
            return 2;
        }
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        try (Connection db = DriverManager.getConnection(jdbcUrl, p)) {
            Map<String, Long> rows = RunReport.rows(db, recording);
            out.println();
            out.println(
                    "Scores of "
                            + recording.job().name()
                            + " on "
                            + options.file.getFileName()
                            + ", from what "
                            + where
                            + " holds (nothing was run):");
            report.line(
                    "rows of the file",
                    String.format(
                            Locale.ROOT,
                            "%,d read, %,d rejected",
                            replay.rows(),
                            replay.rejected()));
            report.tables(recording, rows);
            recording.score(db).forEach(report::line);
        }
        return 0;
    }
}
