package dev.streamwall.generators.wire;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Holds a sender back so that simulated (or recorded) time runs {@code speed} times faster than the
 * wall clock, and at most {@code maxRate} records go per second; 0 switches either off.
 */
public final class Pacer {

    private final double speed;
    private final double maxRate;
    private long wallStart;

    public Pacer(double speed, double maxRate) {
        this.speed = speed;
        this.maxRate = maxRate;
    }

    /**
     * Waits until the record at {@code simElapsedMs} after the first one, the {@code sent}-th, is
     * due; returns early when {@code stop} turns true.
     */
    public void await(long simElapsedMs, long sent, BooleanSupplier stop) {
        if (wallStart == 0) {
            wallStart = System.nanoTime();
        }
        long target = Long.MIN_VALUE;
        if (speed > 0) {
            target = wallStart + (long) (simElapsedMs * 1_000_000.0 / speed);
        }
        if (maxRate > 0) {
            target = Math.max(target, wallStart + (long) (sent * 1_000_000_000.0 / maxRate));
        }
        if (target == Long.MIN_VALUE) {
            return;
        }
        long wait;
        while (!stop.getAsBoolean() && (wait = target - System.nanoTime()) > 100_000) {
            LockSupport.parkNanos(this, wait);
        }
    }
}
