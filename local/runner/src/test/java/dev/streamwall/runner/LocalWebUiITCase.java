package dev.streamwall.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.embedded.Eventually;
import dev.streamwall.embedded.LocalFlinkConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local cluster of {@code demo} and {@code run} serves Flink's Web UI: the dashboard's page,
 * the running job in its REST API, and no jar upload.
 */
class LocalWebUiITCase {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theLocalClusterServesTheWebUiWithTheRunningJobAndWithoutJarUpload(@TempDir Path dir)
            throws Exception {
        int port = LocalFlink.freePort(LocalFlink.UI_PORT, LocalFlink.UI_LAST, "the Flink Web UI");
        StreamExecutionEnvironment env =
                LocalFlink.environment(
                        LocalFlink.withWebUi(
                                LocalFlinkConfig.local(
                                        dir, 1, null, Map.of("state.backend.type", "hashmap")),
                                port));
        env.fromSequence(0, Long.MAX_VALUE)
                .uid("numbers")
                .name("numbers")
                .sinkTo(new DiscardingSink<>())
                .uid("discard")
                .name("discard");
        JobClient job = env.executeAsync("web-ui-check");
        try {
            HttpResponse<String> page = get(port, "/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Apache Flink Web Dashboard");
            Eventually.waitFor(
                    () -> get(port, "/jobs/overview").body().contains(job.getJobID().toString()),
                    Duration.ofSeconds(30));
            assertThat(get(port, "/config").body()).contains("\"web-submit\":false");
        } finally {
            job.cancel().get();
        }
    }
}
