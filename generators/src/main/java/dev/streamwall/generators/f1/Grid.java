package dev.streamwall.generators.f1;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The entry list of a race: cars, drivers, teams and their pace relative to the fastest car. */
public final class Grid implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One car: its number, driver, team and pace deficit in seconds per lap. */
    public record Entry(int car, String driver, String driverName, String team, double paceOffset)
            implements Serializable {}

    /**
     * The 2025 grid. Team offsets are a few tenths apart; driver offsets add a little within a
     * team. Both are invented for the simulation and say nothing about the real drivers.
     */
    public static final Grid DEFAULT =
            new Grid(
                    List.of(
                            entry(4, "NOR", "Lando Norris", "McLaren", 0.00, 0.00),
                            entry(81, "PIA", "Oscar Piastri", "McLaren", 0.00, 0.03),
                            entry(16, "LEC", "Charles Leclerc", "Ferrari", 0.25, 0.00),
                            entry(44, "HAM", "Lewis Hamilton", "Ferrari", 0.25, 0.12),
                            entry(1, "VER", "Max Verstappen", "Red Bull", 0.20, 0.00),
                            entry(22, "TSU", "Yuki Tsunoda", "Red Bull", 0.20, 0.40),
                            entry(63, "RUS", "George Russell", "Mercedes", 0.15, 0.00),
                            entry(12, "ANT", "Kimi Antonelli", "Mercedes", 0.15, 0.20),
                            entry(14, "ALO", "Fernando Alonso", "Aston Martin", 0.85, 0.00),
                            entry(18, "STR", "Lance Stroll", "Aston Martin", 0.85, 0.30),
                            entry(10, "GAS", "Pierre Gasly", "Alpine", 1.05, 0.00),
                            entry(43, "COL", "Franco Colapinto", "Alpine", 1.05, 0.25),
                            entry(23, "ALB", "Alexander Albon", "Williams", 0.65, 0.00),
                            entry(55, "SAI", "Carlos Sainz", "Williams", 0.65, 0.05),
                            entry(30, "LAW", "Liam Lawson", "Racing Bulls", 0.75, 0.10),
                            entry(6, "HAD", "Isack Hadjar", "Racing Bulls", 0.75, 0.00),
                            entry(31, "OCO", "Esteban Ocon", "Haas", 0.90, 0.10),
                            entry(87, "BEA", "Oliver Bearman", "Haas", 0.90, 0.05),
                            entry(27, "HUL", "Nico Hulkenberg", "Sauber", 0.95, 0.00),
                            entry(5, "BOR", "Gabriel Bortoleto", "Sauber", 0.95, 0.15)));

    private final List<Entry> entries;
    private final Map<Integer, Entry> byCar;

    public Grid(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        Map<Integer, Entry> map = new LinkedHashMap<>();
        for (Entry e : this.entries) {
            if (map.put(e.car(), e) != null) {
                throw new IllegalArgumentException("car " + e.car() + " is entered twice");
            }
        }
        this.byCar = Collections.unmodifiableMap(map);
    }

    private static Entry entry(
            int car,
            String code,
            String name,
            String team,
            double teamOffset,
            double driverOffset) {
        return new Entry(car, code, name, team, teamOffset + driverOffset);
    }

    /** All entries in entry-list order (the first N race when a race has N cars). */
    public List<Entry> entries() {
        return entries;
    }

    /** The first {@code n} entries. */
    public List<Entry> first(int n) {
        return entries.subList(0, Math.min(n, entries.size()));
    }

    public int size() {
        return entries.size();
    }

    /** The car numbers of this grid, ascending: any other number on the wire is an unknown car. */
    public Set<Integer> carNumbers() {
        return Collections.unmodifiableSet(new TreeSet<>(byCar.keySet()));
    }

    public boolean contains(int car) {
        return byCar.containsKey(car);
    }

    /** The entry of a car number, or null. */
    public Entry entry(int car) {
        return byCar.get(car);
    }
}
