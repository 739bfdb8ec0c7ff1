package dev.streamwall.common.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class KafkaSinksTest {

    /** A small output record. */
    public static class Call {
        public int car = 16;
        public String call = "BOX_NOW";
    }

    @Test
    void writesJsonKeyedRecordsStampedWhenWrittenNotWithTheirEventTime() {
        long twoHoursAhead = System.currentTimeMillis() + Duration.ofHours(2).toMillis();
        ProducerRecord<byte[], byte[]> r =
                new KafkaSinks.JsonRecords<Call>(Topics.F1_DECISIONS, c -> Integer.toString(c.car))
                        .serialize(new Call(), null, twoHoursAhead);

        assertThat(r.topic()).isEqualTo(Topics.F1_DECISIONS);
        assertThat(r.timestamp()).as("the producer stamps the current time").isNull();
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("16");
        assertThat(new String(r.value(), StandardCharsets.UTF_8))
                .isEqualTo("{\"car\":16,\"call\":\"BOX_NOW\"}");
    }
}
