package dev.streamwall.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.embedded.ConsumedRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineAgreementTest {

    private static final String LAP_1 = "{\"car\":44,\"lap\":1,\"lap_time_ms\":91000}";
    private static final String LAP_2 = "{\"car\":44,\"lap\":2,\"lap_time_ms\":90500}";
    private static final String LAP_2_OTHER = "{\"car\":44,\"lap\":2,\"lap_time_ms\":90600}";

    private static ConsumedRecord record(String value) {
        return new ConsumedRecord("t", 0, 0, 0, null, value, Map.of());
    }

    @Test
    void namesTheLapsOnlyOneEngineWrote() {
        Map<String, List<String>> same = new LinkedHashMap<>();
        same.put("flink", List.of(LAP_1, LAP_2));
        same.put("spark", List.of(LAP_2, LAP_1));
        assertThat(EngineAgreement.sameLapsAcrossEngines(same))
                .isEqualTo("laps: flink 2 spark 2; the same, record for record");

        Map<String, List<String>> differ = new LinkedHashMap<>();
        differ.put("flink", List.of(LAP_1, LAP_2));
        differ.put("spark", List.of(LAP_1, LAP_2_OTHER));
        assertThat(EngineAgreement.sameLapsAcrossEngines(differ))
                .isEqualTo(
                        "laps: flink 2 spark 2; 1 only from flink (car 44 lap 2), 1 only from spark");
        assertThat(EngineAgreement.digest(List.of(LAP_1, LAP_2)))
                .isEqualTo(EngineAgreement.digest(List.of(LAP_2, LAP_1)))
                .isNotEqualTo(EngineAgreement.digest(List.of(LAP_1, LAP_2_OTHER)));
    }

    @Test
    void countsProvisionalCallsTheFinalOnesConfirm() throws Exception {
        String box = "{\"race_id\":\"r\",\"car\":44,\"ts\":1000,\"lap\":20,\"call\":\"BOX\"}";
        String stay = "{\"race_id\":\"r\",\"car\":16,\"ts\":1000,\"lap\":20,\"call\":\"STAY_OUT\"}";
        String early = "{\"race_id\":\"r\",\"car\":1,\"ts\":900,\"lap\":19,\"call\":\"BOX\"}";
        assertThat(
                        EngineAgreement.provisionalCallsAsFinal(
                                List.of(record(box), record(stay)),
                                List.of(record(box), record(early))))
                .isEqualTo(
                        "1 of 2 provisional calls made finally too; 1 of 2 final calls made"
                                + " provisionally");
    }
}
