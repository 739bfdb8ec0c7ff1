package dev.streamwall.runner;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A demo's board read from PostgreSQL over one connection: each refresh reads a snapshot {@code S}
 * of the job's tables and draws it whole ({@link #render}) or as one status line ({@link #status}).
 *
 * @param <S> what one read of the tables holds
 */
public abstract class SqlBoard<S> implements DemoJob.Board {

    protected final Connection connection;

    protected SqlBoard(Connection connection) {
        this.connection = connection;
    }

    /** The tables as they are now. */
    public abstract S read() throws SQLException;

    /** The screen for a snapshot: {@code header} first, lines no wider than {@code width}. */
    protected abstract List<String> lines(S snapshot, String header, int width);

    /** The status line for a snapshot. */
    protected abstract String statusOf(S snapshot);

    /** "key count, key count, ..." of a query's first two columns, or "none". */
    protected final String counts(String sql, Object... params) throws SQLException {
        return BoardSql.format(BoardSql.countBy(connection, sql, params));
    }

    @Override
    public final List<String> render(String header, int width) throws SQLException {
        return lines(read(), header, width);
    }

    @Override
    public final String status() throws SQLException {
        return statusOf(read());
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
