package dev.streamwall.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The tally's digests stay what earlier result files hold, however they are computed. */
class TallyTest {

    @Test
    void aKeyAndTimeHashLikeTheirCanonicalString() {
        long[][] cases = {
            {0, 0},
            {1, 9},
            {10, 10},
            {44, 1_751_810_400_000L},
            {99, 100},
            {7, Long.MAX_VALUE},
            {-3, 5},
            {3, -5},
            {Long.MIN_VALUE, 1}
        };
        for (long[] c : cases) {
            assertThat(Tally.fnv1a64(c[0], c[1]))
                    .as("%d@%d", c[0], c[1])
                    .isEqualTo(Tally.fnv1a64(c[0] + "@" + c[1]));
        }
    }

    @Test
    void theDigestIsFnv1a() {
        // The published FNV-1a 64-bit test vectors.
        assertThat(Tally.fnv1a64("")).isEqualTo(0xcbf29ce484222325L);
        assertThat(Tally.fnv1a64("a")).isEqualTo(0xaf63dc4c8601ec8cL);
        assertThat(Tally.fnv1a64("foobar")).isEqualTo(0x85944171f73967e8L);
    }
}
