package dev.streamwall.generators.f1;

import java.io.Serializable;

/**
 * A neutralised period, deployed when the leader reaches {@code lap} at {@code lapFraction} of the
 * lap. A VSC lasts {@code durationSeconds}; a safety car comes in when the leader starts lap {@code
 * lap + laps}.
 */
public record Neutralisation(
        TrackStatus status, int lap, double lapFraction, double durationSeconds, int laps)
        implements Serializable {
    public Neutralisation {
        if (status != TrackStatus.VSC && status != TrackStatus.SC) {
            throw new IllegalArgumentException("a neutralisation is VSC or SC, not " + status);
        }
        if (lapFraction < 0 || lapFraction >= 1) {
            throw new IllegalArgumentException("lap fraction must be in [0, 1): " + lapFraction);
        }
    }

    public static Neutralisation vsc(int lap, double lapFraction, double durationSeconds) {
        if (durationSeconds <= 0) {
            throw new IllegalArgumentException("VSC duration must be positive");
        }
        return new Neutralisation(TrackStatus.VSC, lap, lapFraction, durationSeconds, 0);
    }

    public static Neutralisation safetyCar(int lap, double lapFraction, int laps) {
        if (laps < 1) {
            throw new IllegalArgumentException("a safety car stays out at least one lap");
        }
        return new Neutralisation(TrackStatus.SC, lap, lapFraction, 0, laps);
    }
}
