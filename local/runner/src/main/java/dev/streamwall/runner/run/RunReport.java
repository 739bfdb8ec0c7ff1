package dev.streamwall.runner.run;

import dev.streamwall.generators.replay.CsvReplay;
import dev.streamwall.runner.BoardSql;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.postgresql.PGConnection;

/** What {@code streamwall run} prints about a run, and the output tables it writes as CSV files. */
final class RunReport {

    private final RunOptions options;
    private final PrintStream out;

    RunReport(RunOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** The row count of each of the job's tables. */
    static Map<String, Long> rows(Connection db, RecordingJob recording) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : recording.tables()) {
            rows.put(table, count(db, table));
        }
        return rows;
    }

    /** One line per table: its row count and what a row is. */
    void tables(RecordingJob recording, Map<String, Long> rows) {
        List<String> labels = recording.tableLabels();
        int i = 0;
        for (var e : rows.entrySet()) {
            line(e.getKey(), String.format(Locale.ROOT, "%,d %s", e.getValue(), labels.get(i++)));
        }
    }

    void summary(
            RecordingJob recording,
            CsvReplay.Result replay,
            double replaySeconds,
            double jobSeconds,
            Map<String, Long> rows,
            Map<String, Long> deadLetters,
            long late) {
        out.println();
        out.println(
                "Summary of " + recording.job().name() + " on " + options.file.getFileName() + ":");
        line(
                "rows of the file",
                String.format(
                        Locale.ROOT,
                        "%,d read, %,d rejected before Kafka",
                        replay.rows(),
                        replay.rejected()));
        List<String> shown =
                replay.firstRejections().stream().limit(RecordingRun.SHOWN_REJECTIONS).toList();
        for (String r : shown) {
            out.println("      " + r);
        }
        if (replay.rejected() > shown.size()) {
            out.printf(Locale.ROOT, "      ... and %,d more%n", replay.rejected() - shown.size());
        }
        line(
                "timestamps",
                replay.timeFormat()
                        + ", "
                        + Instant.ofEpochMilli(replay.firstTs())
                        + " .. "
                        + Instant.ofEpochMilli(replay.lastTs()));
        line("rows back in time", replay.describeBackInTime());
        line(
                "job",
                String.format(
                        Locale.ROOT,
                        "%,d records in %.1f s (%,.0f records/s; replay %.1f s)",
                        replay.sent(),
                        jobSeconds,
                        replay.sent() / Math.max(jobSeconds, 1e-3),
                        replaySeconds));
        line("dead-lettered by the job", BoardSql.format(deadLetters));
        line("late (arrived after the watermark)", String.format(Locale.ROOT, "%,d", late));
        tables(recording, rows);
    }

    void line(String label, String value) {
        out.printf(Locale.ROOT, "  %-34s : %s%n", label, value);
    }

    private static long count(Connection db, String table) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Each table, and this run's dead letters, as {@code DIR/table.csv} with a header row. */
    void export(Connection db, List<String> tables, String job, Instant since)
            throws SQLException, IOException {
        Files.createDirectories(options.out);
        var copy = db.unwrap(PGConnection.class).getCopyAPI();
        List<String> queries = new ArrayList<>();
        for (String table : tables) {
            queries.add(table + "\t" + "SELECT * FROM " + table + " ORDER BY 1");
        }
        queries.add(
                "dead_letters\tSELECT * FROM dead_letters WHERE job = '"
                        + job.replace("'", "''")
                        + "' AND rejected_at >= '"
                        + since
                        + "' ORDER BY id");
        for (String q : queries) {
            String[] parts = q.split("\t", 2);
            Path file = options.out.resolve(parts[0] + ".csv");
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                copy.copyOut("COPY (" + parts[1] + ") TO STDOUT WITH (FORMAT csv, HEADER)", w);
            }
        }
    }
}
