package org.jdbcoptimizer.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import org.jdbcoptimizer.OptimizerDriver;
import org.jdbcoptimizer.testing.TestTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.function.Executable;

/**
 * The JDBC contract of the wrappers, on real PostgreSQL and a real SQLite file: objects that hand
 * out other JDBC objects hand out our wrappers, unwrap reaches the real driver's objects, close is
 * idempotent, and a closed object refuses further use.
 */
class WrapperContractTest {

    private static final Executor DIRECT = Runnable::run;

    private TestTarget db;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        OptimizerDriver.closePools();
        if (db != null) {
            db.close();
        }
    }

    private Connection open(TestTarget.Kind kind) throws SQLException {
        db = TestTarget.of(kind);
        Connection connection = DriverManager.getConnection(db.url());
        toClose.add(connection);
        return connection;
    }

    // --- objects hand out our wrappers ------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void statementsReturnTheConnectionWrapper(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        assertInstanceOf(OptimizerConnection.class, connection);
        assertSame(connection, connection.createStatement().getConnection());
        assertSame(connection, connection.prepareStatement("select 1").getConnection());
        if (db.isPostgres()) {
            assertSame(connection, connection.prepareCall("select 1").getConnection());
        }
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void resultSetsReturnTheStatementWrapper(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);

        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select 1");
        assertInstanceOf(OptimizerResultSet.class, rs);
        assertSame(statement, rs.getStatement());

        assertTrue(statement.execute("select 2"));
        ResultSet fromExecute = statement.getResultSet();
        assertSame(statement, fromExecute.getStatement());
        if (db.isPostgres()) { // sqlite-jdbc refuses a second getResultSet ("ResultSet already requested")
            assertSame(fromExecute, statement.getResultSet(), "getResultSet twice gives the same result set");
        }

        PreparedStatement prepared = connection.prepareStatement("select 3");
        assertSame(prepared, prepared.executeQuery().getStatement());
        assertTrue(prepared.execute());
        assertSame(prepared, prepared.getResultSet().getStatement());

        if (db.isPostgres()) {
            CallableStatement callable = connection.prepareCall("select 4");
            assertSame(callable, callable.executeQuery().getStatement());
        }
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void metaDataReturnsTheConnectionWrapperAndNeverAPhysicalStatement(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        String table = db.createTable("md");
        DatabaseMetaData metaData = connection.getMetaData();
        assertSame(connection, metaData.getConnection());

        try (ResultSet tables = metaData.getTables(null, null, "%", null)) {
            assertInstanceOf(OptimizerResultSet.class, tables);
            Statement statement = tables.getStatement();
            assertTrue(statement == null || statement instanceof OptimizerStatement,
                    "a metadata result set's statement is null or ours, not " + statement);
        }
        try (ResultSet columns = metaData.getColumns(null, null, table, "v")) {
            assertTrue(columns.next(), "the wrapped metadata result set reads the real one");
            assertEquals("v", columns.getString("COLUMN_NAME").toLowerCase());
        }
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void generatedKeysReturnTheStatementWrapper(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        String table = db.createTable("keys");
        PreparedStatement insert = connection.prepareStatement("insert into " + table + " (v) values (?)",
                Statement.RETURN_GENERATED_KEYS);
        insert.setString(1, "a");
        assertEquals(1, insert.executeUpdate());
        ResultSet keys = insert.getGeneratedKeys();
        assertInstanceOf(OptimizerResultSet.class, keys);
        assertSame(insert, keys.getStatement());
    }

    @ParameterizedTest
    @EnumSource(value = TestTarget.Kind.class, names = "POSTGRESQL") // refcursors are PostgreSQL's
    void resultSetsInsideValuesAreOursToo(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        String function = db.tableName("refcursor");
        db.dropOnClose("drop function if exists " + function + "()");
        db.execute("create function " + function + "() returns refcursor as $$ declare r refcursor;"
                + " begin open r for select 7 as x; return r; end $$ language plpgsql");
        connection.setAutoCommit(false); // a refcursor lives until the end of the transaction

        CallableStatement call = connection.prepareCall("{? = call " + function + "()}");
        call.registerOutParameter(1, java.sql.Types.OTHER);
        call.execute();
        ResultSet cursor = (ResultSet) call.getObject(1);
        assertInstanceOf(OptimizerResultSet.class, cursor);
        assertSame(call, cursor.getStatement());
        assertTrue(cursor.next());
        assertEquals(7, cursor.getInt(1));

        Statement statement = connection.createStatement();
        ResultSet outer = statement.executeQuery("select " + function + "()");
        assertTrue(outer.next());
        ResultSet inner = (ResultSet) outer.getObject(1);
        assertInstanceOf(OptimizerResultSet.class, inner);
        assertSame(statement, inner.getStatement());
        assertSame(connection, inner.getStatement().getConnection());
        connection.rollback();
    }

    // --- unwrap and isWrapperFor ------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void connectionUnwrapsToItselfThenTheRealConnection(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        Class<?> real = db.isPostgres() ? org.postgresql.PGConnection.class : org.sqlite.SQLiteConnection.class;

        assertTrue(connection.isWrapperFor(real));
        Object physical = connection.unwrap(real);
        assertInstanceOf(real, physical);
        assertNotSame(connection, physical);
        assertSame(connection, connection.unwrap(OptimizerConnection.class));
        assertSame(connection, connection.unwrap(Connection.class), "the wrapper is checked first");
        assertTrue(connection.isWrapperFor(Connection.class));

        assertFalse(connection.isWrapperFor(String.class));
        assertThrows(SQLException.class, () -> connection.unwrap(String.class));
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void statementsAndResultSetsUnwrapToTheRealObjects(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        PreparedStatement prepared = connection.prepareStatement("select 1");
        Class<?> realStatement = db.isPostgres() ? org.postgresql.PGStatement.class
                : org.sqlite.core.CorePreparedStatement.class;
        assertTrue(prepared.isWrapperFor(realStatement));
        assertInstanceOf(realStatement, prepared.unwrap(realStatement));
        assertSame(prepared, prepared.unwrap(PreparedStatement.class));

        Statement statement = connection.createStatement();
        Class<?> realPlain = db.isPostgres() ? org.postgresql.PGStatement.class : org.sqlite.core.CoreStatement.class;
        assertInstanceOf(realPlain, statement.unwrap(realPlain));

        ResultSet rs = prepared.executeQuery();
        Class<?> realResultSet = db.isPostgres() ? org.postgresql.jdbc.PgResultSet.class
                : org.sqlite.core.CoreResultSet.class;
        assertTrue(rs.isWrapperFor(realResultSet));
        assertInstanceOf(realResultSet, rs.unwrap(realResultSet));
        assertSame(rs, rs.unwrap(ResultSet.class));

        DatabaseMetaData metaData = connection.getMetaData();
        Class<?> realMetaData = db.isPostgres() ? org.postgresql.jdbc.PgDatabaseMetaData.class
                : org.sqlite.jdbc3.JDBC3DatabaseMetaData.class;
        assertInstanceOf(realMetaData, metaData.unwrap(realMetaData));
        assertSame(metaData, metaData.unwrap(DatabaseMetaData.class));
    }

    // --- close ------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void closeIsIdempotentEverywhere(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select 1");
        PreparedStatement prepared = connection.prepareStatement("select 1");
        ResultSet preparedRs = prepared.executeQuery();
        CallableStatement callable = db.isPostgres() ? connection.prepareCall("select 1") : null;

        for (AutoCloseable closeable : new AutoCloseable[] {rs, preparedRs, statement, prepared, callable, connection}) {
            if (closeable == null) {
                continue;
            }
            try {
                closeable.close();
                closeable.close();
            } catch (Exception e) {
                throw new AssertionError("second close of " + closeable + " failed", e);
            }
        }
        assertTrue(rs.isClosed());
        assertTrue(preparedRs.isClosed());
        assertTrue(statement.isClosed());
        assertTrue(prepared.isClosed());
        assertTrue(callable == null || callable.isClosed());
        assertTrue(connection.isClosed());
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void closedConnectionRefusesEverythingButLifecycleCalls(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        connection.close();

        assertTrue(connection.isClosed());
        assertFalse(connection.isValid(1));
        connection.close();
        connection.abort(DIRECT);

        assertClosedConnection(connection::createStatement);
        assertClosedConnection(() -> connection.prepareStatement("select 1"));
        assertClosedConnection(() -> connection.prepareCall("select 1"));
        assertClosedConnection(connection::commit);
        assertClosedConnection(connection::rollback);
        assertClosedConnection(connection::getAutoCommit);
        assertClosedConnection(() -> connection.setAutoCommit(false));
        assertClosedConnection(connection::getMetaData);
        assertClosedConnection(() -> connection.unwrap(Connection.class));
        assertClosedConnection(() -> connection.isWrapperFor(Connection.class));
        assertClosedConnection(connection::getSchema);
        assertClosedConnection(connection::getCatalog);
        assertClosedConnection(connection::getTransactionIsolation);
        assertClosedConnection(connection::isReadOnly);
        assertClosedConnection(connection::getNetworkTimeout);
        assertClosedConnection(connection::getWarnings);
        assertClosedConnection(connection::setSavepoint);
        assertClosedConnection(() -> connection.setClientInfo("ApplicationName", "x"));
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void closedStatementRefusesEverythingButLifecycleCalls(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        Statement statement = connection.createStatement();
        PreparedStatement prepared = connection.prepareStatement("select 1");
        statement.close();
        prepared.close();

        for (Statement closed : new Statement[] {statement, prepared}) {
            assertTrue(closed.isClosed());
            assertClosedStatement(() -> closed.execute("select 1"));
            assertClosedStatement(() -> closed.executeQuery("select 1"));
            assertClosedStatement(closed::getResultSet);
            assertClosedStatement(closed::getConnection);
            assertClosedStatement(() -> closed.setFetchSize(10));
            assertClosedStatement(() -> closed.unwrap(Statement.class));
            assertClosedStatement(() -> closed.addBatch("select 1"));
        }
        assertClosedStatement(prepared::executeQuery);
        assertClosedStatement(() -> prepared.setInt(1, 1));
        assertTrue(connection.createStatement().execute("select 1"), "the connection is unaffected");
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void closingTheConnectionClosesItsStatementsAndResultSets(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select 1 union all select 2");
        PreparedStatement prepared = connection.prepareStatement("select 1 union all select 2");
        ResultSet preparedRs = prepared.executeQuery();
        CallableStatement callable = db.isPostgres() ? connection.prepareCall("select 1") : null;

        connection.close();

        assertTrue(statement.isClosed());
        assertTrue(prepared.isClosed());
        assertTrue(callable == null || callable.isClosed());
        assertTrue(rs.isClosed());
        assertTrue(preparedRs.isClosed());
        if (db.isPostgres()) {
            assertThrows(SQLException.class, rs::next);
            assertThrows(SQLException.class, preparedRs::next);
        } else { // sqlite-jdbc answers next() on a closed result set with false
            assertFalse(rs.next());
            assertFalse(preparedRs.next());
        }
        assertClosedStatement(() -> statement.execute("select 1"));
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void closingTheConnectionClosesItsMetaDataResultSets(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        db.createTable("mdclose");
        ResultSet tables = connection.getMetaData().getTables(null, null, "%", null);

        connection.close();

        assertTrue(tables.isClosed(), "a metadata result set must not outlive its connection");
        if (db.isPostgres()) {
            assertThrows(SQLException.class, tables::next);
        } else {
            assertFalse(tables.next());
        }
    }

    @ParameterizedTest
    @EnumSource(TestTarget.Kind.class)
    void metaDataResultSetClosedByTheApplicationStaysClosed(TestTarget.Kind kind) throws SQLException {
        Connection connection = open(kind);
        db.createTable("mdkept");
        ResultSet first = connection.getMetaData().getTables(null, null, "%", null);
        ResultSet second = connection.getMetaData().getTables(null, null, "jt_mdkept%", null);
        first.close();
        first.close();
        assertTrue(first.isClosed());
        assertFalse(second.isClosed());
        assertTrue(second.next(), "closing one metadata result set leaves the others readable");
        connection.close();
        assertTrue(second.isClosed());
    }

    private static void assertClosedConnection(Executable call) {
        SQLException e = assertThrows(SQLException.class, call);
        assertEquals(ClosedObjects.CONNECTION_CLOSED_STATE, e.getSQLState(), e.toString());
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("closed"), e.getMessage());
    }

    private static void assertClosedStatement(Executable call) {
        SQLException e = assertThrows(SQLException.class, call);
        assertTrue(e.getMessage().toLowerCase().contains("closed"), e.getMessage());
    }
}
