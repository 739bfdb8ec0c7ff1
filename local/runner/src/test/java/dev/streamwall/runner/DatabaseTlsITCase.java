package dev.streamwall.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamwall.common.db.DatabaseCheck;
import dev.streamwall.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production overlay's database URL ({@code sslmode=verify-full&sslrootcert=...}) against a
 * real TLS handshake: a PostgreSQL serving a certificate for {@code localhost} signed by a test CA
 * (made here with the JDK's keytool). With that CA the connection is encrypted; with another CA, or
 * by an address the certificate does not name, it is refused in one line.
 */
class DatabaseTlsITCase {

    private static final String STORE_PASSWORD = "changeit";

    @Test
    void verifyFullConnectsOnlyToTheServerItsCaVouchesFor(@TempDir Path dir) throws Exception {
        Path caCert = certificateAuthority(dir, "ca", "streamwall-test-ca");
        Path otherCa = certificateAuthority(dir, "other", "someone-else");
        Path[] server = serverCertificate(dir, "ca", "localhost");

        try (EmbeddedPostgres postgres =
                EmbeddedPostgres.builder()
                        .serverConfig("ssl", "on")
                        .serverConfig("ssl_cert_file", server[0].toString())
                        .serverConfig("ssl_key_file", server[1].toString())
                        .password("tls-test")
                        .start()) {
            String base = "jdbc:postgresql://localhost:" + postgres.port() + "/postgres";
            String verified = base + "?sslmode=verify-full&sslrootcert=" + caCert;

            assertThat(
                            DatabaseCheck.connect(
                                    verified, "postgres", "tls-test", Duration.ofSeconds(10)))
                    .startsWith("PostgreSQL");
            Properties p = new Properties();
            p.setProperty("user", "postgres");
            p.setProperty("password", "tls-test");
            try (Connection c = DriverManager.getConnection(verified, p);
                    Statement s = c.createStatement();
                    ResultSet r =
                            s.executeQuery(
                                    "SELECT ssl, version FROM pg_stat_ssl"
                                            + " WHERE pid = pg_backend_pid()")) {
                r.next();
                assertThat(r.getBoolean(1)).as("the session is encrypted").isTrue();
                assertThat(r.getString(2)).startsWith("TLSv1.");
            }

            String wrongCa = base + "?sslmode=verify-full&sslrootcert=" + otherCa;
            assertThatThrownBy(
                            () ->
                                    DatabaseCheck.connect(
                                            wrongCa,
                                            "postgres",
                                            "tls-test",
                                            Duration.ofSeconds(10)))
                    .isInstanceOf(DatabaseCheck.Unreachable.class)
                    .hasMessageStartingWith("cannot use the database at")
                    .hasMessageContaining("SSL")
                    .hasMessageNotContaining("\n");

            String byAddress =
                    "jdbc:postgresql://127.0.0.1:"
                            + postgres.port()
                            + "/postgres?sslmode=verify-full&sslrootcert="
                            + caCert;
            assertThatThrownBy(
                            () ->
                                    DatabaseCheck.connect(
                                            byAddress,
                                            "postgres",
                                            "tls-test",
                                            Duration.ofSeconds(10)))
                    .isInstanceOf(DatabaseCheck.Unreachable.class)
                    .hasMessageContaining("hostname 127.0.0.1 could not be verified");
        }
    }

    /** A CA key pair in {@code NAME.p12}; its certificate as PEM in {@code NAME.crt}. */
    private static Path certificateAuthority(Path dir, String name, String cn) throws Exception {
        Path store = dir.resolve(name + ".p12");
        keytool(
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=" + cn,
                "-ext",
                "bc:c",
                "-validity",
                "2",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                STORE_PASSWORD);
        Path cert = dir.resolve(name + ".crt");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                name,
                "-keystore",
                store.toString(),
                "-storepass",
                STORE_PASSWORD,
                "-file",
                cert.toString());
        return cert;
    }

    /**
     * A server key and a certificate for {@code host} signed by CA {@code ca}: {PEM certificate,
     * PEM private key (mode 600)}.
     */
    private static Path[] serverCertificate(Path dir, String ca, String host) throws Exception {
        Path store = dir.resolve("server.p12");
        keytool(
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=" + host,
                "-validity",
                "2",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                STORE_PASSWORD);
        Path request = dir.resolve("server.csr");
        keytool(
                "-certreq",
                "-alias",
                "server",
                "-keystore",
                store.toString(),
                "-storepass",
                STORE_PASSWORD,
                "-file",
                request.toString());
        Path cert = dir.resolve("server.crt");
        keytool(
                "-gencert",
                "-rfc",
                "-alias",
                ca,
                "-keystore",
                dir.resolve(ca + ".p12").toString(),
                "-storepass",
                STORE_PASSWORD,
                "-infile",
                request.toString(),
                "-outfile",
                cert.toString(),
                "-ext",
                "san=dns:" + host,
                "-validity",
                "2");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, STORE_PASSWORD.toCharArray());
        }
        PrivateKey key = (PrivateKey) ks.getKey("server", STORE_PASSWORD.toCharArray());
        Path keyFile = dir.resolve("server.key");
        Files.createFile(
                keyFile,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(
                keyFile,
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(key.getEncoded())
                        + "\n-----END PRIVATE KEY-----\n",
                StandardCharsets.US_ASCII);
        return new Path[] {cert, keyFile};
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("keytool " + String.join(" ", args) + ": " + output).isZero();
    }
}
