package dev.streamwall.runner.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Passwords of the databases started on this machine: generated, and kept (when kept at all) in a
 * file only this user can read.
 */
public final class LocalPassword {

    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalPassword() {}

    /** 32 random hex digits (128 bits). */
    public static String generate() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The password in {@code file}; a new one written there (mode 600) when there is none. */
    public static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).strip();
            }
            String password = generate();
            write(file, password);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the password file " + file, e);
        }
    }

    /** Writes {@code password} to {@code file}, readable by this user only. */
    public static void write(Path file, String password) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        Files.createFile(
                file,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, password + "\n", StandardCharsets.US_ASCII);
    }
}
