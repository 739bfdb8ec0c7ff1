package dev.streamwall.generators.factory;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * Everything that determines a simulated plant: the same config always yields the same readings and
 * labels.
 *
 * @param plantId names the run in labels
 * @param seed all randomness derives from it
 * @param machines how many machines (M01, M02, ...), each with temperature, vibration and pressure
 * @param start simulated time of the first reading
 * @param duration simulated time covered
 * @param sampleMs time between two readings of a sensor (1000: 1 Hz)
 * @param faults {@code default}, {@code none}, {@code all} or a list such as {@code
 *     bearing_wear@M03+40m,overheating,stuck_sensor@M10} (see {@link FaultPlan#parse})
 * @param firstOnset earliest onset of a fault whose onset is not given
 * @param onsetSpread onsets not given are spread uniformly over this span after {@code firstOnset}
 * @param spikesPerHour noise spikes per sensor and hour (not faults)
 * @param repairTime how long a machine whose bearing failed stays down before it restarts cold
 */
public record PlantConfig(
        String plantId,
        long seed,
        int machines,
        Instant start,
        Duration duration,
        long sampleMs,
        String faults,
        Duration firstOnset,
        Duration onsetSpread,
        double spikesPerHour,
        Duration repairTime)
        implements Serializable {

    public static final Instant DEFAULT_START = Instant.parse("2026-03-02T05:00:00Z");

    public PlantConfig {
        if (machines < 1 || machines > 999) {
            throw new IllegalArgumentException("machines must be 1..999, got " + machines);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("the simulated duration must be positive");
        }
        if (sampleMs < 10) {
            throw new IllegalArgumentException("sampleMs must be at least 10, got " + sampleMs);
        }
        if (spikesPerHour < 0) {
            throw new IllegalArgumentException("spikesPerHour must not be negative");
        }
        FaultPlan.parse(faults); // fail early on a bad spec
    }

    /** The default plant: 50 machines at 1 Hz for 12 hours with the default faults. */
    public static PlantConfig defaults() {
        return new PlantConfig(
                "plant-42",
                42,
                50,
                DEFAULT_START,
                Duration.ofHours(12),
                1000,
                "default",
                Duration.ofMinutes(30),
                Duration.ofMinutes(60),
                1.5,
                Duration.ofMinutes(45));
    }

    public PlantConfig withSeed(long s) {
        return new PlantConfig(
                "plant-" + s,
                s,
                machines,
                start,
                duration,
                sampleMs,
                faults,
                firstOnset,
                onsetSpread,
                spikesPerHour,
                repairTime);
    }

    public PlantConfig withMachines(int n) {
        return new PlantConfig(
                plantId,
                seed,
                n,
                start,
                duration,
                sampleMs,
                faults,
                firstOnset,
                onsetSpread,
                spikesPerHour,
                repairTime);
    }

    public PlantConfig withDuration(Duration d) {
        return new PlantConfig(
                plantId,
                seed,
                machines,
                start,
                d,
                sampleMs,
                faults,
                firstOnset,
                onsetSpread,
                spikesPerHour,
                repairTime);
    }

    public PlantConfig withStart(Instant s) {
        return new PlantConfig(
                plantId,
                seed,
                machines,
                s,
                duration,
                sampleMs,
                faults,
                firstOnset,
                onsetSpread,
                spikesPerHour,
                repairTime);
    }

    public PlantConfig withFaults(String spec) {
        return new PlantConfig(
                plantId,
                seed,
                machines,
                start,
                duration,
                sampleMs,
                spec,
                firstOnset,
                onsetSpread,
                spikesPerHour,
                repairTime);
    }

    public PlantConfig withOnsets(Duration first, Duration spread) {
        return new PlantConfig(
                plantId,
                seed,
                machines,
                start,
                duration,
                sampleMs,
                faults,
                first,
                spread,
                spikesPerHour,
                repairTime);
    }

    public PlantConfig withSpikesPerHour(double rate) {
        return new PlantConfig(
                plantId,
                seed,
                machines,
                start,
                duration,
                sampleMs,
                faults,
                firstOnset,
                onsetSpread,
                rate,
                repairTime);
    }

    public PlantConfig withPlantId(String id) {
        return new PlantConfig(
                id,
                seed,
                machines,
                start,
                duration,
                sampleMs,
                faults,
                firstOnset,
                onsetSpread,
                spikesPerHour,
                repairTime);
    }

    /** Machine names: M01..M50 (three digits from 100 machines on). */
    public String machineName(int index) {
        return machines < 100
                ? String.format("M%02d", index + 1)
                : String.format("M%03d", index + 1);
    }

    @Override
    public String toString() {
        return plantId
                + " (seed "
                + seed
                + ", "
                + machines
                + " machines x 3 sensors every "
                + sampleMs
                + " ms, "
                + duration.toString().substring(2).toLowerCase()
                + " from "
                + start
                + ", faults "
                + faults
                + ", "
                + spikesPerHour
                + " noise spikes per sensor-hour)";
    }
}
