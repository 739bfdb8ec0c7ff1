package dev.streamwall.common.time;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps implausible timestamps from moving the watermark: a record whose event time lies far ahead
 * of what its partition has carried so far is refused (its reader dead-letters it as {@code
 * FUTURE_TIMESTAMP}) instead of being let through, where it would push the watermark past every
 * good record still to come and make them all late.
 *
 * <p>"Far ahead" is relative to the stream, not to the wall clock, so replays of old recordings
 * work: beyond the newest timestamp accepted on the partition by more than each of {@code maxSkew},
 * {@value #STEPS} typical steps of the partition (the mean gap between its successive newer
 * timestamps, so that hourly series are not measured by the yardstick of 100 Hz telemetry) and the
 * time the partition has covered so far, up to {@link #SPAN_CAP} (a plant whose machines all
 * stopped for twenty minutes after an hour of readings is not suspect). The first {@value #WARM_UP}
 * records of a partition are taken as they come: they set the reference.
 *
 * <p>A jump further than that is a gap in a recording, accepted at once, when the record is not
 * ahead of the wall clock (beyond {@code maxSkew}) and the jump is at most {@link #GAP_CAP}: a
 * weekend's stop of a plant, the next race of a season, sensors back after an outage. Nothing in
 * such a record is ahead of live data, so it cannot make a live stream late. Any other jump (the
 * year 2100 in a live stream, years ahead in a replay) is recognised as real by agreement: once
 * {@value #AGREE} records in a row are ahead by the same jump, the partition moves on and those
 * from the third on are accepted; the first two stay dead-lettered.
 *
 * <p>The reference lives in the reader's memory, not in checkpoints: after a restart each
 * partition's first records set it again. One guard serves one source reader (all its partitions).
 */
public final class EventTimeGuard implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How many typical steps ahead of the partition a record may be. */
    public static final int STEPS = 1_000;

    /** Records of a partition accepted as they come, to set its reference. */
    public static final int WARM_UP = 8;

    /** The most of a partition's covered time that counts as a plausible jump. */
    public static final Duration SPAN_CAP = Duration.ofHours(6);

    /** How far ahead of the wall clock a partition's first records may be. */
    public static final Duration COLD_CAP = Duration.ofDays(7);

    /** The longest gap in a recording (behind the wall clock) that is followed at once. */
    public static final Duration GAP_CAP = Duration.ofDays(31);

    /** Records in a row that must agree on a jump before the partition follows it. */
    public static final int AGREE = 3;

    private final long maxSkewMs;
    private final Clock clock;
    private transient Map<String, Map<Integer, Partition>> partitions;

    /** A guard allowing {@code maxSkew} ahead; zero or negative turns it off. */
    public EventTimeGuard(Duration maxSkew) {
        this(maxSkew, Clock.systemUTC());
    }

    EventTimeGuard(Duration maxSkew, Clock clock) {
        this.maxSkewMs = maxSkew.toMillis();
        this.clock = clock;
    }

    /** What the guard knows of one partition. */
    private static final class Partition {
        long seen;
        long oldest = Long.MAX_VALUE;
        long newest = Long.MIN_VALUE;
        double meanStepMs;
        int steps;
        int ahead;
        long aheadAt;
    }

    /**
     * Whether a record of {@code topic}'s {@code partition} with event time {@code ts} is
     * plausible; if so, it becomes part of the partition's reference.
     */
    public boolean accept(String topic, int partition, long ts) {
        if (maxSkewMs <= 0) {
            return true;
        }
        Partition p = partition(topic, partition);
        if (p.seen < WARM_UP || p.newest == Long.MIN_VALUE) {
            if (ts - clock.millis() > COLD_CAP.toMillis()) {
                return false;
            }
            p.seen++;
            advance(p, ts);
            return true;
        }
        p.seen++;
        long allowed = allowedAhead(p);
        if (ts - p.newest <= allowed) {
            p.ahead = 0;
            advance(p, ts);
            return true;
        }
        if (ts <= clock.millis() + maxSkewMs && ts - p.newest <= GAP_CAP.toMillis()) {
            // A gap in a recording; its size does not enter the partition's typical step.
            p.ahead = 0;
            p.newest = ts;
            return true;
        }
        // Ahead by too much: the same jump as the records just before it?
        if (p.ahead > 0 && Math.abs(ts - p.aheadAt) <= allowed) {
            p.ahead++;
        } else {
            p.ahead = 1;
        }
        p.aheadAt = ts;
        if (p.ahead >= AGREE) {
            p.ahead = 0;
            p.newest = ts;
            return true;
        }
        return false;
    }

    /** How far ahead of the newest accepted timestamp a record of {@code p} may be. */
    private long allowedAhead(Partition p) {
        long span = p.newest == Long.MIN_VALUE ? 0 : p.newest - p.oldest;
        return Math.max(
                Math.max(maxSkewMs, (long) (STEPS * p.meanStepMs)),
                Math.min(span, SPAN_CAP.toMillis()));
    }

    private static void advance(Partition p, long ts) {
        if (p.newest != Long.MIN_VALUE && ts > p.newest) {
            p.steps++;
            // A running mean over the first 100 steps, then exponential (it follows a change of
            // rate over about 100 steps).
            double weight = 1.0 / Math.min(p.steps, 100);
            p.meanStepMs += weight * ((ts - p.newest) - p.meanStepMs);
        }
        if (ts > p.newest) {
            p.newest = ts;
        }
        if (ts < p.oldest) {
            p.oldest = ts;
        }
    }

    private Partition partition(String topic, int partition) {
        if (partitions == null) {
            partitions = new HashMap<>();
        }
        return partitions
                .computeIfAbsent(topic, t -> new HashMap<>())
                .computeIfAbsent(partition, k -> new Partition());
    }

    /** The limit a record of the partition must not pass, for messages; MAX_VALUE if none. */
    public long limit(String topic, int partition) {
        Partition p = maxSkewMs <= 0 ? null : partition(topic, partition);
        if (maxSkewMs <= 0) {
            return Long.MAX_VALUE;
        }
        if (p == null || p.seen < WARM_UP || p.newest == Long.MIN_VALUE) {
            return clock.millis() + COLD_CAP.toMillis();
        }
        return p.newest + allowedAhead(p);
    }
}
