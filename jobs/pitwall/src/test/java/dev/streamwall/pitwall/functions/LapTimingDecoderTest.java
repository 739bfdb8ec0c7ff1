package dev.streamwall.pitwall.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamwall.common.decode.RejectReason;
import dev.streamwall.common.decode.RejectedRecordException;
import dev.streamwall.pitwall.records.LapTiming;
import dev.streamwall.wire.Json;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LapTimingDecoderTest {

    private final LapTimingDecoder decoder = new LapTimingDecoder(Set.of(16, 44));

    private static LapTiming lap() {
        LapTiming l = new LapTiming();
        l.raceId = "r";
        l.car = 16;
        l.lap = 12;
        l.totalLaps = 52;
        l.lapEndTs = 1_720_360_000_000L;
        l.lapTimeMs = 92_456;
        l.position = 3;
        l.tyreCompound = "MEDIUM";
        return l;
    }

    @Test
    void anUnknownCompoundIsDeadLetteredNotPassedToTheStrategy() throws Exception {
        assertThat(decoder.decode(Json.toBytes(lap())).tyreCompound).isEqualTo("MEDIUM");
        LapTiming unknown = lap();
        unknown.tyreCompound = "UNKNOWN";
        assertThatThrownBy(() -> decoder.decode(Json.toBytes(unknown)))
                .isInstanceOf(RejectedRecordException.class)
                .satisfies(
                        e ->
                                assertThat(((RejectedRecordException) e).reason())
                                        .isEqualTo(RejectReason.OUT_OF_RANGE))
                .hasMessageContaining("tyre_compound 'UNKNOWN' is not one of SOFT, MEDIUM");
    }
}
