package dev.streamwall.generators.f1;

import dev.streamwall.generators.wire.TransportFaults;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything that determines a simulated race; two equal configurations produce identical
 * telemetry.
 *
 * <p>Build with {@link #builder()}; every option has a default, so {@code
 * RaceConfig.builder().build()} is the full 52-lap, 20-car Silverstone race at 100 Hz with one
 * fault of each kind and seeded neutralisations.
 */
public final class RaceConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** 2025-07-06T14:00:00Z, lights out of the 2025 British Grand Prix. */
    public static final long DEFAULT_START_TIME = 1_751_810_400_000L;

    public static final long DEFAULT_SEED = 42;

    /** A fault needs laps 3 to {@code laps - 5} free to start in, so shorter races get none. */
    public static final int MIN_LAPS_FOR_FAULTS = 8;

    /** How the car faults are chosen. */
    public enum FaultMode {
        /**
         * One fault of each {@link FaultType} (as many as there are eligible cars), seeded cars.
         */
        ONE_OF_EACH,
        NONE,
        /** Exactly the faults in {@link #faults()}. */
        EXPLICIT
    }

    /** How the safety-car and virtual-safety-car periods are chosen. */
    public enum NeutralisationMode {
        /**
         * Seeded: a full race gets one VSC and maybe one SC, a short race fewer, a tiny race none.
         */
        SEEDED,
        NONE,
        /** Exactly the periods in {@link #neutralisations()}. */
        EXPLICIT
    }

    private final long seed;
    private final Circuit circuit;
    private final Grid grid;
    private final String raceId;
    private final long startTime;
    private final int laps;
    private final int sampleHz;
    private final int cars;
    private final FaultMode faultMode;
    private final List<FaultSpec> faults;
    private final int noPitCar;
    private final NeutralisationMode neutralisationMode;
    private final List<Neutralisation> neutralisations;
    private final TransportFaults transportFaults;

    private RaceConfig(Builder b) {
        this.seed = b.seed;
        this.circuit = b.circuit;
        this.grid = b.grid;
        this.laps = b.laps == null ? b.circuit.raceLaps : b.laps;
        this.raceId = b.raceId == null ? b.circuit.id + "-" + b.seed : b.raceId;
        this.startTime = b.startTime;
        this.sampleHz = b.sampleHz;
        this.cars = b.cars == null ? b.grid.size() : b.cars;
        this.faultMode = b.faultMode;
        this.faults = List.copyOf(b.faults);
        this.noPitCar = b.noPitCar;
        this.neutralisationMode = b.neutralisationMode;
        this.neutralisations = List.copyOf(b.neutralisations);
        this.transportFaults = b.transportFaults;
        validate();
    }

    private void validate() {
        if (raceId.isBlank()) {
            throw new IllegalArgumentException("race id must not be blank");
        }
        if (laps < 1 || laps > 200) {
            throw new IllegalArgumentException("laps must be between 1 and 200, got " + laps);
        }
        if (sampleHz < 1 || sampleHz > 100) {
            throw new IllegalArgumentException("sample rate must be 1 to 100 Hz, got " + sampleHz);
        }
        if (cars < 1 || cars > grid.size()) {
            throw new IllegalArgumentException(
                    "cars must be between 1 and " + grid.size() + ", got " + cars);
        }
        Set<Integer> racing = new HashSet<>();
        for (Grid.Entry e : grid.first(cars)) {
            racing.add(e.car());
        }
        if (noPitCar != 0 && !racing.contains(noPitCar)) {
            throw new IllegalArgumentException(
                    "no-pit car " + noPitCar + " is not in the race; cars racing: " + racing);
        }
        if (faultMode == FaultMode.EXPLICIT && !faults.isEmpty()) {
            if (laps < MIN_LAPS_FOR_FAULTS) {
                throw new IllegalArgumentException(
                        "faults need a race of at least "
                                + MIN_LAPS_FOR_FAULTS
                                + " laps (they start on lap 3 or later and end before the last 3"
                                + " laps), got "
                                + laps);
            }
            int eligible = racing.size() - (noPitCar != 0 ? 1 : 0);
            if (faults.size() > eligible) {
                throw new IllegalArgumentException(
                        faults.size()
                                + " faults need as many distinct cars (other than the no-pit car), but"
                                + " only "
                                + eligible
                                + " are eligible");
            }
            Set<Integer> pinned = new HashSet<>();
            for (FaultSpec f : faults) {
                if (f.car() == null) {
                    continue;
                }
                if (!racing.contains(f.car())) {
                    throw new IllegalArgumentException(
                            "fault "
                                    + f.type()
                                    + " is pinned to car "
                                    + f.car()
                                    + ", which is not in the race");
                }
                if (f.car() == noPitCar) {
                    throw new IllegalArgumentException(
                            "fault " + f.type() + " cannot go on the no-pit car " + noPitCar);
                }
                if (!pinned.add(f.car())) {
                    throw new IllegalArgumentException(
                            "car " + f.car() + " has more than one fault");
                }
            }
        }
        for (Neutralisation n : neutralisations) {
            if (n.lap() < 1 || n.lap() > laps - 1) {
                throw new IllegalArgumentException(
                        n.status() + " on lap " + n.lap() + " is outside laps 1.." + (laps - 1));
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.seed = seed;
        b.circuit = circuit;
        b.grid = grid;
        b.raceId = raceId;
        b.startTime = startTime;
        b.laps = laps;
        b.sampleHz = sampleHz;
        b.cars = cars;
        b.faultMode = faultMode;
        b.faults = new ArrayList<>(faults);
        b.noPitCar = noPitCar;
        b.neutralisationMode = neutralisationMode;
        b.neutralisations = new ArrayList<>(neutralisations);
        b.transportFaults = transportFaults;
        return b;
    }

    public long seed() {
        return seed;
    }

    public Circuit circuit() {
        return circuit;
    }

    public Grid grid() {
        return grid;
    }

    public String raceId() {
        return raceId;
    }

    /** Event time of lights out, epoch milliseconds. */
    public long startTime() {
        return startTime;
    }

    public int laps() {
        return laps;
    }

    public int sampleHz() {
        return sampleHz;
    }

    /** Number of cars: the first N entries of the grid. */
    public int cars() {
        return cars;
    }

    public List<Grid.Entry> entries() {
        return grid.first(cars);
    }

    public FaultMode faultMode() {
        return faultMode;
    }

    /** The explicit faults (only meaningful with {@link FaultMode#EXPLICIT}). */
    public List<FaultSpec> faults() {
        return faults;
    }

    /** The car that never pits, or 0. */
    public int noPitCar() {
        return noPitCar;
    }

    public NeutralisationMode neutralisationMode() {
        return neutralisationMode;
    }

    /** The explicit neutralisations (only meaningful with {@link NeutralisationMode#EXPLICIT}). */
    public List<Neutralisation> neutralisations() {
        return neutralisations;
    }

    public TransportFaults transportFaults() {
        return transportFaults;
    }

    @Override
    public String toString() {
        return "RaceConfig{race="
                + raceId
                + ", seed="
                + seed
                + ", circuit="
                + circuit.id
                + ", laps="
                + laps
                + ", cars="
                + cars
                + ", hz="
                + sampleHz
                + ", start="
                + Instant.ofEpochMilli(startTime)
                + ", faults="
                + (faultMode == FaultMode.EXPLICIT ? faults : faultMode)
                + ", noPitCar="
                + (noPitCar == 0 ? "none" : noPitCar)
                + ", neutralisations="
                + (neutralisationMode == NeutralisationMode.EXPLICIT
                        ? neutralisations
                        : neutralisationMode)
                + ", transport="
                + transportFaults
                + "}";
    }

    /** Builder of {@link RaceConfig}; every setter is optional. */
    public static final class Builder {
        private long seed = DEFAULT_SEED;
        private Circuit circuit = Circuit.SILVERSTONE;
        private Grid grid = Grid.DEFAULT;
        private String raceId;
        private long startTime = DEFAULT_START_TIME;
        private Integer laps;
        private int sampleHz = 100;
        private Integer cars;
        private FaultMode faultMode = FaultMode.ONE_OF_EACH;
        private List<FaultSpec> faults = new ArrayList<>();
        private int noPitCar;
        private NeutralisationMode neutralisationMode = NeutralisationMode.SEEDED;
        private List<Neutralisation> neutralisations = new ArrayList<>();
        private TransportFaults transportFaults = TransportFaults.NONE;

        private Builder() {}

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder circuit(Circuit circuit) {
            this.circuit = Objects.requireNonNull(circuit);
            return this;
        }

        public Builder grid(Grid grid) {
            this.grid = Objects.requireNonNull(grid);
            return this;
        }

        /** Defaults to {@code <circuit id>-<seed>}, for example {@code silverstone-42}. */
        public Builder raceId(String raceId) {
            this.raceId = raceId;
            return this;
        }

        /** Event time of lights out, epoch ms; defaults to {@link #DEFAULT_START_TIME}. */
        public Builder startTime(long epochMillis) {
            this.startTime = epochMillis;
            return this;
        }

        public Builder startTime(Instant start) {
            this.startTime = start.toEpochMilli();
            return this;
        }

        /** Race distance in laps; defaults to the circuit's (52 at Silverstone). */
        public Builder laps(int laps) {
            this.laps = laps;
            return this;
        }

        /** Samples per second per car, 1 to 100; defaults to 100. */
        public Builder sampleHz(int hz) {
            this.sampleHz = hz;
            return this;
        }

        /** Number of cars, the first N of the grid; defaults to the whole grid. */
        public Builder cars(int cars) {
            this.cars = cars;
            return this;
        }

        /** One fault of each type on seeded cars (the default). */
        public Builder allFaults() {
            this.faultMode = FaultMode.ONE_OF_EACH;
            this.faults = new ArrayList<>();
            return this;
        }

        public Builder noFaults() {
            this.faultMode = FaultMode.NONE;
            this.faults = new ArrayList<>();
            return this;
        }

        /** Exactly these faults, each on its own car. */
        public Builder faults(List<FaultSpec> faults) {
            this.faultMode = FaultMode.EXPLICIT;
            this.faults = new ArrayList<>(faults);
            return this;
        }

        /**
         * Faults from their command-line form: {@code all}, {@code none}, or a comma list of {@link
         * FaultSpec#parse fault names}, each optionally pinned to a car.
         */
        public Builder faults(String spec) {
            String s = spec == null ? "all" : spec.trim();
            if (s.equalsIgnoreCase("all") || s.isEmpty()) {
                return allFaults();
            }
            if (s.equalsIgnoreCase("none")) {
                return noFaults();
            }
            List<FaultSpec> list = new ArrayList<>();
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    list.add(FaultSpec.parse(part));
                }
            }
            return faults(list);
        }

        public Builder faults(FaultType... types) {
            List<FaultSpec> list = new ArrayList<>();
            for (FaultType t : types) {
                list.add(FaultSpec.of(t));
            }
            return faults(list);
        }

        /** A car that never pits, so its tyres run past the cliff; 0 for none (the default). */
        public Builder noPitCar(int car) {
            this.noPitCar = car;
            return this;
        }

        /** Seeded VSC and SC periods (the default). */
        public Builder seededNeutralisations() {
            this.neutralisationMode = NeutralisationMode.SEEDED;
            this.neutralisations = new ArrayList<>();
            return this;
        }

        /** A green race from start to flag. */
        public Builder noNeutralisations() {
            this.neutralisationMode = NeutralisationMode.NONE;
            this.neutralisations = new ArrayList<>();
            return this;
        }

        public Builder neutralisations(List<Neutralisation> periods) {
            this.neutralisationMode = NeutralisationMode.EXPLICIT;
            this.neutralisations = new ArrayList<>(periods);
            return this;
        }

        /** Delivery faults for the Kafka publisher; defaults to none. */
        public Builder transportFaults(TransportFaults transportFaults) {
            this.transportFaults = Objects.requireNonNull(transportFaults);
            return this;
        }

        /**
         * @throws IllegalArgumentException with a readable message when an option is out of range
         */
        public RaceConfig build() {
            return new RaceConfig(this);
        }
    }
}
