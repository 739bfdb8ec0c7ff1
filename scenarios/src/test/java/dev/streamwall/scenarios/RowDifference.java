package dev.streamwall.scenarios;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What differs between two query results, in a few lines: both sizes, the first rows that differ
 * and each side's last row. A failed comparison of thousands of rows then says where they part
 * instead of printing both lists (which a CI log cuts before the difference).
 */
final class RowDifference {

    private static final int SHOWN = 5;

    private RowDifference() {}

    /** {@code null} when the lists are equal, else the description. */
    static String of(List<Map<String, Object>> actual, List<Map<String, Object>> expected) {
        if (actual.equals(expected)) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        s.append(actual.size()).append(" rows, expected ").append(expected.size());
        int shown = 0;
        int common = Math.min(actual.size(), expected.size());
        for (int i = 0; i < common && shown < SHOWN; i++) {
            if (!Objects.equals(actual.get(i), expected.get(i))) {
                s.append("\n  row ")
                        .append(i)
                        .append(": ")
                        .append(actual.get(i))
                        .append("\n  expected ")
                        .append(expected.get(i));
                shown++;
            }
        }
        if (shown == 0) {
            s.append("; the first ").append(common).append(" rows are equal");
        }
        s.append("\n  last row: ").append(last(actual));
        s.append("\n  expected: ").append(last(expected));
        return s.toString();
    }

    private static Object last(List<Map<String, Object>> rows) {
        return rows.isEmpty() ? "none" : rows.get(rows.size() - 1);
    }
}
