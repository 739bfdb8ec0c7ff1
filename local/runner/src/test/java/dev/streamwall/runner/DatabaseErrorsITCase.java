package dev.streamwall.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.embedded.EmbeddedInfraExtension;
import dev.streamwall.embedded.EmbeddedPostgres;
import dev.streamwall.embedded.Ports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database that cannot be used ends {@code run} and {@code demo} before anything starts, within
 * seconds, with one line that says what failed and which options to check (no broker is started, no
 * retries for minutes, no stack trace).
 */
@ExtendWith(EmbeddedInfraExtension.class)
class DatabaseErrorsITCase {

    private record Outcome(int code, String err, long millis) {}

    private static Outcome streamwall(Path dir, String... args) {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.addAll(List.of("--work-dir", dir.toString()));
        StringWriter err = new StringWriter();
        long started = System.nanoTime();
        int code =
                StreamwallCli.commandLine()
                        .setErr(new PrintWriter(err, true))
                        .execute(argv.toArray(String[]::new));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println(err);
        return new Outcome(code, err.toString(), millis);
    }

    /** {@code streamwall run factory} over a one-row file, with the database options given. */
    private static Outcome runFactory(Path dir, String... databaseOptions) throws Exception {
        List<String> args =
                new ArrayList<>(List.of("run", "factory", "--file", csv(dir).toString()));
        args.addAll(List.of(databaseOptions));
        return streamwall(dir, args.toArray(String[]::new));
    }

    private static Path csv(Path dir) throws Exception {
        return Files.writeString(
                dir.resolve("plant.csv"),
                "timestamp,machine,sensor,value\n2025-11-03T06:00:00Z,M1,temp,60.5\n");
    }

    private static void assertOneLine(Outcome outcome, String... words) {
        assertThat(outcome.code()).isEqualTo(2);
        assertThat(outcome.err().strip().lines()).hasSize(1);
        assertThat(outcome.err()).contains("cannot use the database at", "--jdbc-url");
        assertThat(outcome.err()).contains(words);
        assertThat(outcome.millis()).as("milliseconds").isLessThan(10_000);
    }

    @Test
    void anUnknownHost(@TempDir Path dir) throws Exception {
        Outcome outcome =
                runFactory(
                        dir,
                        "--jdbc-url",
                        "jdbc:postgresql://no-such-host.invalid:5432/streamwall");
        assertOneLine(outcome, "streamwall run factory:", "unknown host no-such-host.invalid");
    }

    @Test
    void aPortNobodyListensOn(@TempDir Path dir) throws Exception {
        int port = Ports.randomFreePort();
        Outcome outcome =
                streamwall(
                        dir,
                        "demo",
                        "factory",
                        "--jdbc-url",
                        "jdbc:postgresql://localhost:" + port + "/streamwall");
        assertOneLine(outcome, "streamwall demo factory:", "nothing accepts connections there");
    }

    @Test
    void aUserTheServerDoesNotKnow(@TempDir Path dir, EmbeddedPostgres postgres) throws Exception {
        Outcome outcome =
                runFactory(
                        dir,
                        "--jdbc-url",
                        "jdbc:postgresql://localhost:" + postgres.port() + "/postgres",
                        "--jdbc-user",
                        "nobody");
        assertOneLine(outcome, "as nobody", "role \"nobody\" does not exist");
    }

    /**
     * A role that must log in with a password (scram-sha-256, set up on the embedded server for
     * this role only) given a wrong one, in the URL (the message shows the URL without it).
     */
    @Test
    void aWrongPassword(@TempDir Path dir, EmbeddedPostgres postgres) throws Exception {
        String role = "password_only";
        try (var c = postgres.connect("postgres");
                var st = c.createStatement()) {
            st.execute("DROP ROLE IF EXISTS " + role);
            st.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'right-one'");
        }
        Path hba = postgres.dataDirectory().resolve("pg_hba.conf");
        String before = Files.readString(hba);
        Files.writeString(
                hba,
                "host all "
                        + role
                        + " 127.0.0.1/32 scram-sha-256\n"
                        + "host all "
                        + role
                        + " ::1/128 scram-sha-256\n"
                        + before);
        try (var c = postgres.connect("postgres");
                var st = c.createStatement()) {
            st.execute("SELECT pg_reload_conf()");
        }
        try {
            Outcome outcome =
                    runFactory(
                            dir,
                            "--jdbc-url",
                            "jdbc:postgresql://localhost:"
                                    + postgres.port()
                                    + "/postgres?password=wrong-one",
                            "--jdbc-user",
                            role);
            assertOneLine(
                    outcome,
                    "as " + role,
                    "password authentication failed for user \"" + role + "\"",
                    "password=***");
            assertThat(outcome.err()).doesNotContain("wrong-one");
        } finally {
            Files.writeString(hba, before);
            try (var c = postgres.connect("postgres");
                    var st = c.createStatement()) {
                st.execute("SELECT pg_reload_conf()");
            }
        }
    }

    /** {@code sql} with no demo running: one line at once, not minutes of job restarts. */
    @Test
    void sqlWithoutARunningDemo(@TempDir Path dir) throws Exception {
        int port = Ports.randomFreePort();
        Path query = Files.writeString(dir.resolve("q.sql"), "SELECT 1;\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        long started = System.nanoTime();
        int code;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            code =
                    StreamwallCli.commandLine()
                            .execute("sql", "--kafka", "localhost:" + port, "-f", query.toString());
        } finally {
            System.setErr(original);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        String message = err.toString(StandardCharsets.UTF_8);
        original.println(message);
        assertThat(code).isEqualTo(2);
        assertThat(message.strip().lines()).hasSize(1);
        assertThat(message)
                .contains("streamwall sql: nothing accepts connections at localhost:" + port)
                .contains("./streamwall demo --no-board");
        assertThat(millis).isLessThan(10_000);
    }
}
