package dev.streamwall.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EventTimeGuardTest {

    private static final long T0 = Instant.parse("2012-06-01T00:00:00Z").toEpochMilli();
    private static final long YEAR_2100 = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();

    private final EventTimeGuard guard = new EventTimeGuard(Duration.ofMinutes(10));

    /** Feeds {@code n} records of partition {@code p}, {@code stepMs} apart from {@code from}. */
    private long feed(String p, long from, long stepMs, int n) {
        String topic = p.substring(0, p.indexOf('/'));
        int partition = Integer.parseInt(p.substring(p.indexOf('/') + 1));
        long ts = from;
        for (int i = 0; i < n; i++, ts += stepMs) {
            assertThat(guard.accept(topic, partition, ts)).as("record %d at %d", i, ts).isTrue();
        }
        return ts;
    }

    @Test
    void aFarFutureRecordIsRefusedAndTheStreamGoesOnUnharmed() {
        long next = feed("t/0", T0, 10, 1_000);
        assertThat(guard.accept("t", 0, YEAR_2100)).isFalse();
        feed("t/0", next, 10, 1_000);
        // Another partition has its own reference.
        feed("t/1", T0 + 5_000, 10, 100);
        assertThat(guard.accept("t", 1, YEAR_2100)).isFalse();
    }

    @Test
    void oldRecordingsReplayAsTheyAreAndAnAncientRecordIsLeftToTheWatermark() {
        // 2012 data, replayed in 2026: the wall clock plays no part.
        long next = feed("t/0", T0, 1_000, 100);
        assertThat(guard.accept("t", 0, 0)).as("behind: late, not the guard's business").isTrue();
        feed("t/0", next, 1_000, 10);
    }

    @Test
    void hourlyAndFiveMinuteSeriesAreMeasuredByTheirOwnStep() {
        feed("hourly/0", T0, Duration.ofHours(1).toMillis(), 500);
        // Many sensors per step: most gaps are 0, the step is the 5-minute jump.
        long ts = T0;
        for (int step = 0; step < 300; step++, ts += Duration.ofMinutes(5).toMillis()) {
            for (int sensor = 0; sensor < 50; sensor++) {
                assertThat(guard.accept("city", 0, ts)).isTrue();
            }
        }
        // Yet year 2100 is still far beyond a thousand steps.
        assertThat(guard.accept("hourly", 0, YEAR_2100)).isFalse();
        assertThat(guard.accept("city", 0, YEAR_2100)).isFalse();
    }

    @Test
    void aRealJumpIsFollowedOnceThreeRecordsAgree() {
        feed("t/0", T0, 100, 100);
        long later = T0 + Duration.ofDays(60).toMillis();
        assertThat(guard.accept("t", 0, later)).isFalse();
        assertThat(guard.accept("t", 0, later + 100)).isFalse();
        assertThat(guard.accept("t", 0, later + 200)).isTrue();
        feed("t/0", later + 300, 100, 100);
    }

    @Test
    void aPauseShorterThanWhatThePartitionHasCoveredIsNoJump() {
        // A live plant: an hour of 1 Hz readings, then every machine stops for 25 minutes.
        EventTimeGuard live =
                new EventTimeGuard(
                        Duration.ofMinutes(10),
                        Clock.fixed(
                                Instant.ofEpochMilli(T0).plus(Duration.ofMinutes(90)),
                                ZoneOffset.UTC));
        long ts = T0;
        for (int i = 0; i < 3_600; i++, ts += 1_000) {
            assertThat(live.accept("plant", 0, ts)).isTrue();
        }
        ts += Duration.ofMinutes(25).toMillis();
        for (int i = 0; i < 10; i++, ts += 1_000) {
            assertThat(live.accept("plant", 0, ts)).isTrue();
        }
        // The covered time counts up to six hours: a day ahead of a live stream is refused.
        assertThat(live.accept("plant", 0, ts + Duration.ofDays(1).toMillis())).isFalse();
    }

    /**
     * A recording replayed long after: a gap of days (a weekend, the next race) loses nothing, but
     * a jump past the wall clock, or of more than a month, still needs agreement.
     */
    @Test
    void aRecordingResumesAfterAGapOfDaysWithoutLosingARecord() {
        long next = feed("plant/0", T0, 1_000, 3_600);
        next = feed("plant/0", next + Duration.ofDays(2).toMillis(), 1_000, 3_600);
        next = feed("plant/0", next + Duration.ofDays(30).toMillis(), 1_000, 10);
        assertThat(guard.accept("plant", 0, next + Duration.ofDays(40).toMillis())).isFalse();
        assertThat(guard.accept("plant", 0, YEAR_2100)).isFalse();
        // The gaps did not widen what counts as a normal step.
        assertThat(guard.limit("plant", 0) - next).isLessThan(Duration.ofHours(7).toMillis());
        feed("plant/0", next, 1_000, 10);
    }

    @Test
    void forgedRecordsThatDoNotAgreeNeverMoveThePartition() {
        long next = feed("t/0", T0, 100, 100);
        for (int i = 0; i < 10; i++) {
            assertThat(guard.accept("t", 0, YEAR_2100 + i * Duration.ofDays(30).toMillis()))
                    .isFalse();
            assertThat(guard.accept("t", 0, next + i * 100)).isTrue();
        }
    }

    @Test
    void aPartitionsFirstRecordsAreMeasuredByTheWallClockAndZeroTurnsTheGuardOff() {
        Instant now = Instant.parse("2026-12-02T06:00:00Z");
        EventTimeGuard guard =
                new EventTimeGuard(Duration.ofMinutes(10), Clock.fixed(now, ZoneOffset.UTC));
        // A partition that was empty until a forged record arrived.
        assertThat(guard.accept("t", 0, YEAR_2100)).isFalse();
        assertThat(guard.limit("t", 0)).isEqualTo(now.plus(EventTimeGuard.COLD_CAP).toEpochMilli());
        // A simulation that runs ahead of the clock, and an old recording, start as they are.
        assertThat(guard.accept("t", 0, now.plus(Duration.ofDays(3)).toEpochMilli())).isTrue();
        assertThat(guard.accept("t", 1, T0)).isTrue();

        EventTimeGuard off = new EventTimeGuard(Duration.ZERO);
        assertThat(off.accept("t", 0, YEAR_2100)).isTrue();
        assertThat(off.accept("t", 0, T0)).isTrue();
    }
}
