package dev.streamwall.runner.db;

import dev.streamwall.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The PostgreSQL that {@code streamwall run --keep} leaves its results in: one server per work
 * directory, its data in {@code WORK_DIR/kept-postgres/data}, its superuser's password in {@code
 * WORK_DIR/kept-postgres/password} (mode 600), one database per job and file, replaced when the
 * same file is run again. {@code streamwall db} serves it afterwards.
 */
public final class KeptDatabase {

    private final Path home;

    public KeptDatabase(Path workDir) {
        this.home = workDir.toAbsolutePath().resolve("kept-postgres");
    }

    public Path dataDirectory() {
        return home.resolve("data");
    }

    public Path passwordFile() {
        return home.resolve("password");
    }

    /** Whether an earlier run kept results here. */
    public boolean exists() {
        return Files.isRegularFile(dataDirectory().resolve("PG_VERSION"));
    }

    /** Starts the server (creating it on first use), on {@code preferredPort} when it is free. */
    public EmbeddedPostgres start(int preferredPort) {
        String password = LocalPassword.readOrCreate(passwordFile());
        return EmbeddedPostgres.builder()
                .preferredPort(preferredPort)
                .keptIn(dataDirectory())
                .password(password)
                .start();
    }

    /** The database a run of {@code job} over {@code file} keeps its results in. */
    public static String databaseName(String job, Path file) {
        String stem = file.getFileName().toString();
        int dot = stem.lastIndexOf('.');
        if (dot > 0) {
            stem = stem.substring(0, dot);
        }
        String name =
                ("run_" + job + "_" + stem.toLowerCase(Locale.ROOT))
                        .replaceAll("[^a-z0-9_]+", "_")
                        .replaceAll("_+$", "");
        return name.length() <= 63 ? name : name.substring(0, 63);
    }

    /** Remembers the database of the latest run, the one {@code streamwall db} opens by default. */
    public void rememberLatest(String database) {
        try {
            Files.writeString(home.resolve("latest"), database + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The database of the latest run that kept its results, if any. */
    public Optional<String> latest() {
        Path latest = home.resolve("latest");
        try {
            return Files.exists(latest)
                    ? Optional.of(Files.readString(latest, StandardCharsets.UTF_8).strip())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A line to paste into a shell to open {@code database} with psql while the server runs. */
    public String psqlCommand(int port, String database) {
        return "PGPASSWORD=$(cat "
                + passwordFile()
                + ") psql -h localhost -p "
                + port
                + " -U "
                + EmbeddedPostgres.SUPERUSER
                + " "
                + database;
    }
}
