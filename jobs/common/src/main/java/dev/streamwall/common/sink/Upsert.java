package dev.streamwall.common.sink;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table's upsert, read apart: {@code INSERT INTO table (columns) VALUES (?, ...) ON CONFLICT
 * (key) action}, one placeholder per column in order. From it the writer derives the statements
 * that load a batch with {@code COPY} and apply it with the same conflict rule.
 *
 * @param table the target table, as written in the statement
 * @param columns the inserted columns, in placeholder order
 * @param key the conflict target's columns
 * @param onConflict the whole {@code ON CONFLICT ...} clause
 */
public record Upsert(String table, List<String> columns, List<String> key, String onConflict)
        implements Serializable {

    private static final Pattern SHAPE =
            Pattern.compile(
                    "\\s*INSERT\\s+INTO\\s+([\\w.\"]+)\\s*\\(([^)]*)\\)\\s*VALUES\\s*\\(([^)]*)\\)\\s*"
                            + "(ON\\s+CONFLICT\\s*\\(([^)]*)\\).*?)\\s*;?\\s*",
                    Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** Reads {@code sql} apart; a statement of any other shape is a programming error. */
    public static Upsert parse(String sql) {
        Matcher m = SHAPE.matcher(sql);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "Not an upsert of the form INSERT INTO t (a, b) VALUES (?, ?) ON CONFLICT (a)"
                            + " ...: "
                            + sql);
        }
        List<String> columns = names(m.group(2));
        List<String> placeholders = names(m.group(3));
        if (placeholders.size() != columns.size() || !placeholders.stream().allMatch("?"::equals)) {
            throw new IllegalArgumentException(
                    "The upsert needs one ? per column, in order ("
                            + columns.size()
                            + " columns): "
                            + sql);
        }
        List<String> key = names(m.group(5));
        for (String k : key) {
            if (!columns.contains(k)) {
                throw new IllegalArgumentException(
                        "The conflict key column " + k + " is not inserted: " + sql);
            }
        }
        return new Upsert(m.group(1), columns, key, m.group(4).trim());
    }

    private static List<String> names(String list) {
        List<String> names = new ArrayList<>();
        for (String n : Arrays.asList(list.split(","))) {
            names.add(n.trim().toLowerCase(Locale.ROOT));
        }
        return names;
    }

    /** Whether a conflict leaves the stored row alone: duplicates in one statement are fine. */
    public boolean doNothing() {
        return onConflict.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ").endsWith("DO NOTHING");
    }

    /** The 0-based positions of the key's columns among {@link #columns()}. */
    public int[] keyPositions() {
        return key.stream().mapToInt(columns::indexOf).toArray();
    }

    /** The column list, comma-separated. */
    public String columnList() {
        return String.join(", ", columns);
    }
}
