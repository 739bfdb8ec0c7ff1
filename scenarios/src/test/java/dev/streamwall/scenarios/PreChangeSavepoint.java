package dev.streamwall.scenarios;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A savepoint a job took before the house was rebuilt around the wire module (commit 209d1c8, the
 * records still in the generators module, the jobs' own Sinks classes), kept under {@code
 * src/test/resources/savepoints/<job>/}: its directory and the input topics its Kafka offsets refer
 * to. It was taken by that commit's upgrade ITCase, half-way through the same input the upgrade
 * ITCases here publish, so a job of today must resume from it with the same results.
 */
public record PreChangeSavepoint(String path, Properties topics) {

    public static PreChangeSavepoint of(String job) throws IOException {
        String base = "/savepoints/" + job + "/";
        URL dir = PreChangeSavepoint.class.getResource(base + "savepoint/_metadata");
        if (dir == null) {
            throw new IllegalStateException("no savepoint of " + job + " under " + base);
        }
        Properties topics = new Properties();
        try (InputStream in =
                PreChangeSavepoint.class.getResourceAsStream(base + "topics.properties")) {
            topics.load(in);
        }
        try {
            return new PreChangeSavepoint(
                    Path.of(dir.toURI()).getParent().toUri().toString(), topics);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The name the input topic {@code key} had (e.g. {@code telemetry}). */
    public String topic(String key) {
        String name = topics.getProperty(key);
        if (name == null) {
            throw new IllegalStateException("the savepoint names no topic " + key);
        }
        return name;
    }
}
