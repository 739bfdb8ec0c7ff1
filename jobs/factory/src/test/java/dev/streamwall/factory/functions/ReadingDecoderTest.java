package dev.streamwall.factory.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamwall.common.decode.RejectedRecordException;
import dev.streamwall.factory.workflow.FactorySettings;
import dev.streamwall.generators.factory.SensorReading;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReadingDecoderTest {

    private final ReadingDecoder decoder = new ReadingDecoder(FactorySettings.DEFAULT_SENSORS);

    private SensorReading decode(String json) throws RejectedRecordException {
        return decoder.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesAReading() throws Exception {
        SensorReading r =
                decode(
                        "{\"ts\":1772438400000,\"machine\":\"M07\",\"sensor\":\"temp\",\"value\":71.5}");
        assertThat(r.machine).isEqualTo("M07");
        assertThat(decoder.eventTime(r)).isEqualTo(1772438400000L);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "<html>502</html>|NOT_JSON",
                "{\"ts\":1772438400000,\"machine\":\"M07\",\"sens|TRUNCATED",
                "{\"ts\":1772438400000,\"machine\":\"M07\",\"sensor\":\"temp\",\"value\":\"hot\"}|WRONG_TYPE",
                "{\"ts\":1772438400000,\"sensor\":\"temp\",\"value\":1.0}|MISSING_FIELD",
                "{\"ts\":1772438400000,\"machine\":\"M07\",\"sensor\":\"temp\",\"value\":NaN}|NOT_A_NUMBER",
                "{\"ts\":1772438400000,\"machine\":\"M07\",\"sensor\":\"vibration\",\"value\":-4.0}|OUT_OF_RANGE",
                "{\"ts\":1772438400,\"machine\":\"M07\",\"sensor\":\"temp\",\"value\":70.0}|OUT_OF_RANGE",
                "{\"ts\":1772438400000,\"machine\":\"M 07;\",\"sensor\":\"temp\",\"value\":70.0}|OUT_OF_RANGE",
                "{\"ts\":1772438400000,\"machine\":\"M07\",\"sensor\":\"humidity\",\"value\":40.0}|UNKNOWN_SENSOR"
            })
    void rejectsWithAReason(String json, String reason) {
        ThrowableAssert.ThrowingCallable call = () -> decode(json);
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        RejectedRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
