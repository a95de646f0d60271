package org.jdbcoptimizer.cache;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * A read-only cursor over a {@link CachedResult}: what a cache hit hands the application in place of
 * the driver's result set, and built to be indistinguishable from it when reading.
 *
 * <p><b>Sharing.</b> Each hit gets its own cursor (position, wasNull, fetch settings, closed flag);
 * the CachedResult underneath is shared and never modified, and no getter returns an object the
 * result holds (mutable values are copied). Like any JDBC result set, one cursor is for one thread
 * at a time.
 *
 * <p><b>Getters</b> return what the driver returned, or would have, for the same value: the
 * driver-specific part ({@link ColumnValues}) replays the driver's conversions, including the
 * exceptions it throws for values that do not convert. <b>Navigation</b> follows JDBC and pgjdbc's
 * scroll-insensitive result set: {@code next} always; the moving methods ({@code previous},
 * {@code first}, {@code last}, {@code beforeFirst}, {@code afterLast}, {@code absolute},
 * {@code relative}) only when opened scrollable, else an SQLException (24000) as the drivers throw.
 * A getter off a row, or after {@link #close()}, throws. Updaters throw
 * SQLFeatureNotSupportedException.
 */
public final class CachedResultSet extends IndexedResultSet {

    private final CachedResult result;
    private final String[] labels;
    private final int rowCount;
    private final Statement statement;
    private final boolean scrollable;
    /** 0-based current row; -1 before the first, rowCount after the last. */
    private int row = -1;
    private Object[] current;
    private boolean lastWasNull;
    private boolean closed;
    private int fetchSize;
    private int fetchDirection = FETCH_FORWARD;

    /**
     * @param statement     returned by {@link #getStatement()}; may be null
     * @param resultSetType TYPE_FORWARD_ONLY, or a scrollable type to allow scrolling
     */
    public CachedResultSet(CachedResult result, Statement statement, int resultSetType) {
        super(result.values().forCursor());
        this.result = result;
        this.labels = result.cachedMetaData().labels();
        this.rowCount = result.rowCount();
        this.statement = statement;
        this.scrollable = resultSetType != TYPE_FORWARD_ONLY;
    }

    @Override
    void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("This ResultSet is closed.", "HY010");
        }
    }

    /** The current row's cell of a column (1-based), remembering whether it is NULL for wasNull. */
    @Override
    Object cell(int column) throws SQLException {
        checkOpen();
        if (current == null) {
            throw new SQLException("ResultSet not positioned properly, perhaps you need to call next.", "24000");
        }
        if (column < 1 || column > labels.length) {
            throw new SQLException("The column index is out of range: " + column + ", number of columns: "
                    + labels.length + ".", "22023");
        }
        Object cell = current[column - 1];
        lastWasNull = cell == null;
        return cell;
    }

    private void checkScrollable() throws SQLException {
        checkOpen();
        if (!scrollable) {
            throw new SQLException("Operation requires a scrollable ResultSet, but this ResultSet is FORWARD_ONLY.",
                    "24000");
        }
    }

    private boolean moveTo(int index) {
        values.rowChanged();
        row = index;
        current = index >= 0 && index < rowCount ? result.row(index) : null;
        return current != null;
    }

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        return moveTo(row + 1 >= rowCount ? rowCount : row + 1);
    }

    @Override
    public boolean previous() throws SQLException {
        checkScrollable();
        return moveTo(row - 1 < 0 ? -1 : row - 1);
    }

    @Override
    public boolean first() throws SQLException {
        checkScrollable();
        return rowCount > 0 && moveTo(0);
    }

    @Override
    public boolean last() throws SQLException {
        checkScrollable();
        return rowCount > 0 && moveTo(rowCount - 1);
    }

    @Override
    public void beforeFirst() throws SQLException {
        checkScrollable();
        moveTo(rowCount > 0 ? -1 : row);
    }

    @Override
    public void afterLast() throws SQLException {
        checkScrollable();
        moveTo(rowCount > 0 ? rowCount : row);
    }

    @Override
    public boolean absolute(int index) throws SQLException {
        checkScrollable();
        if (index == 0 || index < -rowCount) {
            beforeFirst();
            return false;
        }
        if (index > rowCount) {
            afterLast();
            return false;
        }
        return moveTo(index > 0 ? index - 1 : rowCount + index);
    }

    @Override
    public boolean relative(int rows) throws SQLException {
        checkScrollable();
        int index = row + 1 + rows;
        if (index < 0) {
            beforeFirst();
            return false;
        }
        return absolute(index);
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return current == null ? 0 : row + 1;
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return row < 0 && rowCount > 0;
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return rowCount > 0 && row >= rowCount;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return rowCount > 0 && row == 0;
    }

    @Override
    public boolean isLast() throws SQLException {
        checkOpen();
        if (!values.supportsIsLast()) {
            throw new SQLFeatureNotSupportedException("isLast is not supported by the driver", "0A000");
        }
        return rowCount > 0 && row == rowCount - 1;
    }

    @Override
    public int getType() throws SQLException {
        checkOpen();
        return scrollable ? TYPE_SCROLL_INSENSITIVE : TYPE_FORWARD_ONLY;
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return values.holdability();
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return fetchDirection;
    }

    /** Recorded, not acted on: the rows are in memory. Reverse and unknown need a scrollable cursor. */
    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != FETCH_FORWARD && direction != FETCH_REVERSE && direction != FETCH_UNKNOWN) {
            throw new SQLException("Invalid fetch direction constant: " + direction + ".", "22023");
        }
        if (direction != FETCH_FORWARD) {
            checkScrollable();
        }
        fetchDirection = direction;
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    /** Recorded, not acted on: the rows are in memory. */
    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw new SQLException("Fetch size must be a value greater than or equal to 0.", "22023");
        }
        fetchSize = rows;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
    }

    @Override
    public String getCursorName() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return result.metaData();
    }

    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return statement;
    }

    @Override
    public int findColumn(String label) throws SQLException {
        checkOpen();
        int column = label == null ? 0 : values.findColumn(label, labels);
        if (column == 0) {
            throw new SQLException("The column name " + label + " was not found in this ResultSet.", "42703");
        }
        return column;
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return lastWasNull;
    }

    /** Idempotent. Afterwards every method but isClosed and close throws. */
    @Override
    public void close() {
        closed = true;
        current = null;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("A cached result set is not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
