package dev.streamwall.common.sink;

import java.sql.SQLException;
import java.util.Arrays;

/**
 * What both COPY formats keep beside their bytes: how many rows there are and each row's round, the
 * occurrence of its conflict key among the rows so far (see {@link CopyInput}).
 *
 * @param <T> the record type
 */
abstract class RoundedRows<T> implements CopyInput<T>, SqlRow {
    private int[] roundOf = new int[64];
    private int rows;
    private int maxRound;

    /** Notes one more row, the {@code round}-th of its key. */
    final void added(int round) {
        if (rows == roundOf.length) {
            roundOf = Arrays.copyOf(roundOf, rows * 2);
        }
        roundOf[rows++] = round;
        maxRound = Math.max(maxRound, round);
    }

    /** The round of row {@code row} (from 0). */
    final int roundOf(int row) {
        return roundOf[row];
    }

    @Override
    public final int rows() {
        return rows;
    }

    @Override
    public final int rounds() {
        return maxRound;
    }

    /** Forgets the rows' count and rounds. */
    final void forgetRows() {
        rows = 0;
        maxRound = 0;
    }

    /** Throws as a statement does for a placeholder {@code i} (from 1) it does not have. */
    static void checkPlaceholder(int i, int placeholders) throws SQLException {
        if (i < 1 || i > placeholders) {
            throw new SQLException(
                    "placeholder " + i + " of " + placeholders + " does not exist", "07009");
        }
    }
}
