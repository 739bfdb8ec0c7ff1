package dev.streamwall.pitwall.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamwall.common.decode.RejectReason;
import dev.streamwall.common.decode.RejectedRecordException;
import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.pitwall.Fixtures;
import dev.streamwall.wire.Json;
import java.nio.charset.StandardCharsets;
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
}
