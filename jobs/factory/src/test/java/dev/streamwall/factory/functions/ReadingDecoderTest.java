package dev.streamwall.factory.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamwall.common.decode.RejectedRecordException;
import dev.streamwall.factory.workflow.FactorySettings;
import dev.streamwall.generators.factory.SensorReading;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
                "{\"ts\":1772438400000,\"machine\":\"M07\",\"sensor\":\"temp\",\"value\":-300.0}|OUT_OF_RANGE",
                "{\"ts\":1772438400000,\"machine\":\"M07\",\"sensor\":\"pressure\",\"value\":-2.5}|OUT_OF_RANGE",
                "{\"ts\":1772438400000,\"machine\":\"M07\",\"sensor\":\"humidity\",\"value\":40.0}|UNKNOWN_SENSOR"
            })
    void rejectsWithAReason(String json, String reason) {
        ThrowableAssert.ThrowingCallable call = () -> decode(json);
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        RejectedRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void knownKindsRejectOnlyTheImpossibleAndUsersSetTheirOwnLimits() throws Exception {
        var names = java.util.Set.of("temp", "pressure", "Temperature", "flow");
        var defaults = new ReadingDecoder(names);
        // Plausible real values of a known kind pass: a gauge pressure under vacuum, 1500 °C.
        for (String ok :
                List.of(
                        "{\"ts\":1772438400000,\"machine\":\"P1\",\"sensor\":\"pressure\",\"value\":-0.4}",
                        "{\"ts\":1772438400000,\"machine\":\"F1\",\"sensor\":\"temp\",\"value\":1500}",
                        "{\"ts\":1772438400000,\"machine\":\"F1\",\"sensor\":\"flow\",\"value\":-1e9}")) {
            assertThat(defaults.decode(ok.getBytes(StandardCharsets.UTF_8))).isNotNull();
        }
        // A spelling of a known kind takes its limits; the reason says how to change them.
        assertThatThrownBy(
                        () ->
                                defaults.decode(
                                        "{\"ts\":1772438400000,\"machine\":\"P1\",\"sensor\":\"Temperature\",\"value\":-280}"
                                                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RejectedRecordException.class)
                .hasMessageContaining("[-273.15, ]")
                .hasMessageContaining("--sensor-limits Temperature=MIN:MAX");
        var own = new ReadingDecoder(names, SensorLimits.parse("flow=0:100,temp=:"));
        assertThatThrownBy(
                        () ->
                                own.decode(
                                        "{\"ts\":1772438400000,\"machine\":\"P1\",\"sensor\":\"flow\",\"value\":101}"
                                                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RejectedRecordException.class);
    }

    @Test
    void badLimitsSayWhatIsWrongInOneLine() {
        assertThatThrownBy(() -> SensorLimits.parse("temp=-50"))
                .hasMessage("--sensor-limits: 'temp=-50' is not name=MIN:MAX (e.g. temp=-50:500)");
        assertThatThrownBy(() -> SensorLimits.parse("temp=a:5"))
                .hasMessage("--sensor-limits: 'a' in 'temp=a:5' is not a number");
        assertThatThrownBy(() -> SensorLimits.parse("temp=5:1"))
                .hasMessage("--sensor-limits: 'temp=5:1' has its minimum above its maximum");
        assertThat(SensorLimits.parse("none").limits()).isEmpty();
        assertThat(SensorLimits.parse("temp=:90").of("TEMP").max()).isEqualTo(90);
    }
}
