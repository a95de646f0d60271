package org.jdbcoptimizer.sql;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** Test helpers: one analyzer with a generous parse timeout (a cold CI JVM must not time out). */
final class Analyzed {

    static final SqlAnalyzer ANALYZER = new SqlAnalyzer(10_000, Duration.ofSeconds(30));

    private Analyzed() {
    }

    static SqlInfo info(String sql) {
        return ANALYZER.analyze(sql);
    }

    /** Table refs from "name" or "schema.name" strings (quotes not needed: parts are taken as is). */
    static Set<TableRef> tables(String... names) {
        Set<TableRef> refs = new LinkedHashSet<>();
        Arrays.stream(names).map(Analyzed::table).forEach(refs::add);
        return refs;
    }

    static TableRef table(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? TableRef.of(name) : new TableRef(name.substring(0, dot), name.substring(dot + 1));
    }
}
