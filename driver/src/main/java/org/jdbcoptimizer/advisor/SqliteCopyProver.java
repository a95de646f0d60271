package org.jdbcoptimizer.advisor;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jdbcoptimizer.analyze.ObservedShape;
import org.jdbcoptimizer.dialect.Plan;

/**
 * SQLite: a throwaway in-memory database with the schema of the real one (tables, indexes, views
 * from {@code sqlite_master}) and its {@code sqlite_stat1} rows, so the planner decides as it would
 * on the real data. Candidates are created there, never in the application's file, and every plan
 * (today's too) is taken in the copy so that before and after are compared like for like.
 *
 * <p>Why statistics matter: without {@code sqlite_stat1} SQLite assumes every table is large and
 * every index selective, and would happily "use" any candidate.
 */
final class SqliteCopyProver implements Prover {

    private final Connection copy;
    private final ShapeExplainer explainer;

    private SqliteCopyProver(Connection copy, ShapeExplainer explainer) {
        this.copy = copy;
        this.explainer = explainer;
    }

    /** Copies the schema and statistics of {@code source} into a new in-memory database. */
    static SqliteCopyProver copyOf(Connection source, ShapeExplainer explainer) throws SQLException {
        Connection copy = DriverManager.getConnection("jdbc:sqlite::memory:");
        try {
            List<String> ddl = new ArrayList<>();
            try (Statement statement = source.createStatement();
                 ResultSet rs = statement.executeQuery("select sql from sqlite_master where sql is not null"
                         + " and name not like 'sqlite_%' and type in ('table', 'index', 'view')"
                         + " order by case type when 'table' then 0 when 'index' then 1 else 2 end, rowid")) {
                while (rs.next()) {
                    ddl.add(rs.getString(1));
                }
            }
            try (Statement statement = copy.createStatement()) {
                for (String sql : ddl) {
                    statement.execute(sql);
                }
                statement.execute("ANALYZE"); // creates sqlite_stat1 in the copy
                statement.execute("DELETE FROM sqlite_stat1");
            }
            copyStatistics(source, copy);
            return new SqliteCopyProver(copy, explainer);
        } catch (SQLException | RuntimeException e) {
            copy.close();
            throw e;
        }
    }

    private static void copyStatistics(Connection source, Connection copy) throws SQLException {
        try (Statement read = source.createStatement();
             ResultSet rs = read.executeQuery("select tbl, idx, stat from sqlite_stat1");
             PreparedStatement insert = copy.prepareStatement("insert into sqlite_stat1 (tbl, idx, stat) values (?, ?, ?)")) {
            while (rs.next()) {
                insert.setString(1, rs.getString(1));
                insert.setString(2, rs.getString(2));
                insert.setString(3, rs.getString(3));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            if (!String.valueOf(e.getMessage()).contains("no such table")) {
                throw e;
            }
        }
        try (Statement statement = copy.createStatement()) {
            statement.execute("ANALYZE sqlite_schema"); // makes the planner reload sqlite_stat1
        }
    }

    @Override
    public boolean proves() {
        return true;
    }

    @Override
    public Plan plan(ObservedShape shape) throws SQLException {
        return explainer.explain(copy, shape);
    }

    @Override
    public Trial trial(Candidate candidate, List<ObservedShape> shapes) throws SQLException {
        // named as it would be suggested, so the plan shows the name the user will create
        String name = candidate.indexName();
        try (Statement statement = copy.createStatement()) {
            statement.execute("CREATE INDEX " + name + " " + candidate.definition());
            try {
                Map<Long, Plan> plans = new HashMap<>();
                for (ObservedShape shape : shapes) {
                    try {
                        plans.put(shape.info().fingerprintId(), explainer.explain(copy, shape));
                    } catch (SQLException e) {
                        // reported when the shape's own plan failed
                    }
                }
                long rows = (long) candidate.table().facts().rows();
                return new Trial(name, IndexSizes.estimate(rows, candidate.columns().size()), plans);
            } finally {
                statement.execute("DROP INDEX " + name);
            }
        }
    }

    @Override
    public void close() {
        try {
            copy.close();
        } catch (SQLException e) {
            // an in-memory database: nothing to lose
        }
    }
}
