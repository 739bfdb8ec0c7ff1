package dev.streamwall.pitwall.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamwall.common.decode.RejectReason;
import dev.streamwall.common.decode.RejectedRecordException;
import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.pitwall.Fixtures;
import dev.streamwall.wire.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class TelemetryDecoderTest {

    private final TelemetryDecoder decoder =
            new TelemetryDecoder(Set.of(Fixtures.LEC, Fixtures.HAM));

    private static byte[] json(Consumer<Telemetry> change) {
        Telemetry t = Fixtures.onTrack(Fixtures.LEC, 12_345);
        change.accept(t);
        return Json.toBytes(t);
    }

    private void assertRejected(byte[] payload, String reason, String detail) {
        assertThatThrownBy(() -> decoder.decode(payload))
                .isInstanceOf(RejectedRecordException.class)
                .satisfies(
                        e -> assertThat(((RejectedRecordException) e).reason()).isEqualTo(reason))
                .hasMessageContaining(detail);
    }

    @Test
    void roundTripsAHealthySample() throws Exception {
        Telemetry t = decoder.decode(json(x -> {}));
        assertThat(t.car).isEqualTo(Fixtures.LEC);
        assertThat(t.ts).isEqualTo(Fixtures.RACE_START + 12_345);
        assertThat(t.tyrePressureRr).isGreaterThan(21);
        assertThat(t.gapAhead).isEqualTo(1.5);
        assertThat(decoder.eventTime(t)).isEqualTo(t.ts);
    }

    @Test
    void rejectsUnknownCarsAndImpossibleValuesWithTheFieldNamed() {
        assertRejected(
                json(t -> t.car = 99),
                TelemetryDecoder.UNKNOWN_CAR,
                "car 99 is not on the entry list");
        assertRejected(json(t -> t.speed = 900), RejectReason.OUT_OF_RANGE, "speed = 900");
        assertRejected(
                json(t -> t.tyrePressureFl = -5), RejectReason.OUT_OF_RANGE, "tyre_pressure = -5");
        assertRejected(
                json(t -> t.trackStatus = "PURPLE"),
                RejectReason.OUT_OF_RANGE,
                "track_status 'PURPLE'");
        assertRejected(
                json(t -> t.ts = 1_700_000_000L),
                RejectReason.OUT_OF_RANGE,
                "not epoch milliseconds");
        String withNaN =
                new String(json(t -> {}), StandardCharsets.UTF_8)
                        .replaceFirst("\"speed\":[0-9.]+", "\"speed\":NaN");
        assertRejected(
                withNaN.getBytes(StandardCharsets.UTF_8), RejectReason.NOT_A_NUMBER, "'speed'");
        String withoutCar =
                new String(json(t -> {}), StandardCharsets.UTF_8).replaceFirst("\"car\":16,", "");
        assertRejected(
                withoutCar.getBytes(StandardCharsets.UTF_8), RejectReason.MISSING_FIELD, "'car'");
    }

    @Test
    void requiresEveryChannelButTheOptionalGapsAndTheJobsOwnStamp() {
        assertThat(TelemetryDecoder.REQUIRED)
                .contains(
                        "ts",
                        "car",
                        "tyre_pressure_rr",
                        "g_lat",
                        "in_pit",
                        "race_id",
                        "track_status")
                .doesNotContain("gap_ahead", "gap_behind", "received_at")
                .hasSize(37);
    }

    /** A record's fate: itself as JSON, or the rejection's reason and message. */
    private static String outcome(byte[] payload, boolean checked, TelemetryDecoder d) {
        try {
            return "record "
                    + Json.toString(checked ? d.decodeChecked(payload) : d.decode(payload));
        } catch (RejectedRecordException e) {
            return "rejected " + e.reason() + ": " + e.getMessage();
        }
    }

    @Test
    void decodesSamplesAndTheirDamagedCopiesAsTheCheckedStepsDo() throws Exception {
        TelemetryDecoder d = decoder;
        assertThat(d.readsPlainRecordsFast()).isTrue();
        assertThat(new LapTimingDecoder(Set.of(Fixtures.LEC)).readsPlainRecordsFast()).isTrue();
        String[] damage = {"\"1\"", "null", "NaN", "-1e9", "1e9", "2.5", "\"SC\"", "{}"};
        int records = 0;
        for (int i = 0; i < 2_000; i++) {
            Telemetry sample = Fixtures.onTrack(i % 3 == 0 ? Fixtures.HAM : Fixtures.LEC, i * 37L);
            sample.speed = i * 0.173;
            sample.rpm = 4_000 + i * 7;
            sample.gapAhead = i % 4 == 0 ? null : i / 1_000.0;
            String json = Json.toString(sample);
            List<String> payloads = new ArrayList<>(List.of(json));
            if (i % 50 == 0) {
                // Each field of the record in turn, damaged a different way.
                int n = 0;
                for (String field : TelemetryDecoder.REQUIRED) {
                    String key = "\"" + field + "\":";
                    int start = json.indexOf(key) + key.length();
                    int end = start;
                    while (json.charAt(end) != ',' && json.charAt(end) != '}') {
                        end++;
                    }
                    String v = damage[(i / 50 + n++) % damage.length];
                    payloads.add(json.substring(0, start) + v + json.substring(end));
                }
            }
            for (String p : payloads) {
                byte[] payload = p.getBytes(StandardCharsets.UTF_8);
                String fast = outcome(payload, false, d);
                assertThat(fast).as(p).isEqualTo(outcome(payload, true, d));
                records += fast.startsWith("record") ? 1 : 0;
            }
        }
        assertThat(records).isGreaterThan(1_000);
    }
}
