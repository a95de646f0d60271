package org.jdbcoptimizer.advisor;

import java.util.List;
import java.util.Map;

import org.jdbcoptimizer.dialect.IndexCatalog.CatalogIndex;
import org.jdbcoptimizer.dialect.IndexCatalog.ColumnStatistics;
import org.jdbcoptimizer.dialect.IndexCatalog.TableFacts;

/** What the catalog says about one table the workload uses, read once per advisor run. */
record TableContext(TableFacts facts, List<CatalogIndex> indexes, Map<String, ColumnStatistics> columns) {

    /** A column with at most this many distinct values is never an index on its own. */
    static final double LOW_CARDINALITY = 20;

    /** Estimated distinct values of a column; 0 when unknown. */
    double distinct(String column) {
        ColumnStatistics stats = columns.get(column);
        return stats == null ? 0 : stats.distinct();
    }

    boolean lowCardinality(String column) {
        double distinct = distinct(column);
        return distinct > 0 && distinct <= LOW_CARDINALITY;
    }

    boolean hasColumn(String column) {
        return facts.columns().contains(column);
    }

    /** The table's unqualified name, as plans name relations. */
    String name() {
        return facts.ref().name();
    }
}
