package org.jdbcoptimizer.advisor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jdbcoptimizer.analyze.ObservedShape;
import org.jdbcoptimizer.dialect.Plan;

/**
 * PostgreSQL with HypoPG: each candidate becomes a hypothetical index (visible to this backend's
 * plain EXPLAINs only, never built, never seen by other sessions), the shapes are EXPLAINed, and
 * {@code hypopg_reset()} removes it again, also when something failed.
 */
final class HypoPgProver implements Prover {

    private final Connection connection;
    private final ShapeExplainer explainer;

    HypoPgProver(Connection connection, ShapeExplainer explainer) {
        this.connection = connection;
        this.explainer = explainer;
    }

    /** Whether HypoPG is installed in the connection's database (the advisor never installs it). */
    static boolean installed(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select 1 from pg_extension where extname = 'hypopg'")) {
            return rs.next();
        }
    }

    @Override
    public boolean proves() {
        return true;
    }

    @Override
    public Plan plan(ObservedShape shape) throws SQLException {
        return explainer.explain(connection, shape);
    }

    @Override
    public Trial trial(Candidate candidate, List<ObservedShape> shapes) throws SQLException {
        reset();
        try {
            long oid;
            String name;
            try (PreparedStatement create = connection.prepareStatement(
                    "select indexrelid, indexname from hypopg_create_index(?)")) {
                create.setString(1, "CREATE INDEX " + candidate.definition());
                try (ResultSet rs = create.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("hypopg_create_index returned nothing for " + candidate);
                    }
                    oid = rs.getLong(1);
                    name = rs.getString(2);
                }
            }
            long bytes = -1;
            try (PreparedStatement size = connection.prepareStatement("select hypopg_relation_size(?::oid)")) {
                size.setLong(1, oid);
                try (ResultSet rs = size.executeQuery()) {
                    bytes = rs.next() ? rs.getLong(1) : -1;
                }
            } catch (SQLException e) {
                // an older HypoPG without the size function: size unknown
            }
            Map<Long, Plan> plans = new HashMap<>();
            for (ObservedShape shape : shapes) {
                try {
                    plans.put(shape.info().fingerprintId(), explainer.explain(connection, shape));
                } catch (SQLException e) {
                    // the shape's own EXPLAIN failed before, and is reported there
                }
            }
            return new Trial(name == null ? "<" + oid + ">" : name, bytes, plans);
        } finally {
            reset();
        }
    }

    private void reset() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("select hypopg_reset()");
        }
    }

    @Override
    public void close() {
        try {
            reset();
        } catch (SQLException e) {
            // the connection is gone: its hypothetical indexes went with it
        }
    }
}
