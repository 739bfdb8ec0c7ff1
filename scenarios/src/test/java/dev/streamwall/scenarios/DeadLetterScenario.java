package dev.streamwall.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.common.decode.RecordDecoder;
import dev.streamwall.common.decode.RejectedRecordException;
import dev.streamwall.embedded.ConsumedRecord;
import dev.streamwall.embedded.Eventually;
import dev.streamwall.embedded.JobStack;
import dev.streamwall.embedded.KafkaTestUtils;
import dev.streamwall.embedded.KeyValue;
import dev.streamwall.embedded.MiniClusterTest;
import dev.streamwall.embedded.PrometheusScrape;
import dev.streamwall.generators.wire.Publisher;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.generators.wire.WireFault;
import dev.streamwall.wire.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;

/**
 * The check every job passes on a stream with transport faults: each malformed record is
 * dead-lettered with its reason in the table, on the topic and in the {@code dead_letters{reason}}
 * counter, and a record sent again long after its time goes to the late topic and the {@code
 * late_events} counter.
 */
public final class DeadLetterScenario {

    public static final String DEAD_LETTERS =
            "flink_taskmanager_job_task_operator_reason_dead_letters";
    public static final String LATE = "flink_taskmanager_job_task_operator_late_events";
    public static final String EVENTS_IN = "flink_taskmanager_job_task_operator_events_in";

    /** The transport faults the scenario's input is published with. */
    public static final TransportFaults FAULTS =
            TransportFaults.parse("malformed=0.01,duplicate=0.005,out-of-order=0.01,late=0.002");

    private final JobStack<?> stack;
    private final String input;
    private final Publisher publisher;
    private final String deadLetterTopic;
    private final String lateTopic;
    private final Predicate<String> resendable;
    private String metrics;
    private ConsumedRecord resent;

    /**
     * A scenario on {@code stack}'s {@code input} topic, which {@code publisher} filled with {@link
     * #FAULTS}, and its dead-letter and late topics; the record sent again is the first of the
     * input that {@code resendable} takes for one the job accepts (not one the transport faults
     * broke).
     */
    public DeadLetterScenario(
            JobStack<?> stack, String input, Publisher publisher, Predicate<String> resendable) {
        this.stack = stack;
        this.input = input;
        this.publisher = publisher;
        this.deadLetterTopic = stack.deadLetters;
        this.lateTopic = stack.late;
        this.resendable = resendable;
    }

    /** Whether {@code decoder} accepts the payload. */
    public static Predicate<String> decodes(RecordDecoder<?> decoder) {
        return payload -> {
            try {
                decoder.decode(payload.getBytes(StandardCharsets.UTF_8));
                return true;
            } catch (RejectedRecordException e) {
                return false;
            }
        };
    }

    /**
     * Runs the job until it has dead-lettered every malformed record the publisher sent and {@code
     * progress} holds, sends the input's first record again (far behind the watermark by then), and
     * scrapes the metrics until both are counted and {@code moreMetrics} holds.
     */
    public DeadLetterScenario run(Eventually.Check progress, Predicate<String> moreMetrics)
            throws Exception {
        long malformed = publisher.malformedSent();
        assertThat(malformed).as("malformed records sent").isPositive();
        JobClient job = stack.start("dlq");
        try {
            Eventually.waitFor(
                    () -> stack.count("SELECT count(*) FROM dead_letters") >= malformed,
                    Duration.ofSeconds(90));
            Eventually.waitFor(progress, Duration.ofSeconds(120));
            resent =
                    stack.consume(input, 200, Duration.ofSeconds(10)).stream()
                            .filter(r -> resendable.test(r.value()))
                            .findFirst()
                            .orElseThrow();
            KafkaTestUtils.produce(
                    stack.infra.bootstrapServers(),
                    input,
                    List.of(KeyValue.of(resent.key(), resent.value())));
            metrics =
                    PrometheusScrape.waitFor(
                            MiniClusterTest.PROMETHEUS_PORT,
                            MiniClusterTest.PROMETHEUS_LAST_PORT,
                            // Generous: it returns as soon as both are counted.
                            Duration.ofSeconds(180),
                            m ->
                                    PrometheusScrape.total(m, DEAD_LETTERS) >= malformed
                                            && PrometheusScrape.total(m, LATE) >= 1
                                            && moreMetrics.test(m),
                            DEAD_LETTERS,
                            LATE);
        } finally {
            job.cancel().get();
        }
        return this;
    }

    /** The last scrape: every counter the job exported. */
    public String metrics() {
        return metrics;
    }

    /**
     * Each fault the publisher injected into a record is dead-lettered once under the reason {@code
     * reason} gives it, in the table (with a detail), in the counter and on the topic; and the job
     * counted what it read.
     */
    public void assertDeadLettered(Function<WireFault, String> reason) throws Exception {
        Map<String, Long> expected =
                publisher.sentByFault().entrySet().stream()
                        .filter(e -> e.getKey().malformed() && e.getValue() > 0)
                        .collect(
                                Collectors.toMap(
                                        e -> reason.apply(e.getKey()), Map.Entry::getValue));
        long malformed = expected.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> inTable = new HashMap<>();
        for (var row :
                stack.query("SELECT reason, count(*) AS n FROM dead_letters GROUP BY reason")) {
            inTable.put((String) row.get("reason"), ((Number) row.get("n")).longValue());
        }
        assertThat(inTable).isEqualTo(expected);
        assertThat(
                        stack.count(
                                "SELECT count(*) FROM dead_letters"
                                        + " WHERE payload IS NULL OR detail IS NULL"))
                .isZero();
        Map<String, Double> counted = PrometheusScrape.sumBy(metrics, DEAD_LETTERS, "reason");
        expected.forEach((r, n) -> assertThat(counted.get(r)).as(r).isEqualTo(n.doubleValue()));
        assertThat(PrometheusScrape.total(metrics, EVENTS_IN)).isPositive();
        List<ConsumedRecord> letters =
                stack.consume(deadLetterTopic, (int) malformed, Duration.ofSeconds(30));
        assertThat(letters)
                .hasSize((int) malformed)
                .allSatisfy(
                        r -> assertThat(r.value()).contains("\"reason\"").contains("\"payload\""));
    }

    /**
     * As many records on the late topic as the counter says, the one sent again among them ({@code
     * identity} names a record of {@code type}).
     */
    public <T> void assertLate(Class<T> type, Function<T, Object> identity) throws Exception {
        long late = Math.round(PrometheusScrape.total(metrics, LATE));
        List<ConsumedRecord> records = stack.consume(lateTopic, (int) late, Duration.ofSeconds(30));
        assertThat(records).hasSize((int) late);
        Object expected = identity.apply(Json.MAPPER.readValue(resent.value(), type));
        assertThat(records)
                .extracting(r -> identity.apply(Json.MAPPER.readValue(r.value(), type)))
                .contains(expected);
    }
}
