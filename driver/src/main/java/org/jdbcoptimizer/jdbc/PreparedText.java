package org.jdbcoptimizer.jdbc;

/**
 * What the optimizer knows of one statement text on one physical connection: its shape in the
 * analysis, the cache's plan for it, and how many parameters the driver has accepted for it. Kept
 * by {@link PreparedTexts}, so that preparing a text the connection has seen before costs one map
 * lookup rather than a lookup in each feature's shared cache.
 *
 * <p>Not thread-safe: used only by the holder of the physical connection's lease.
 */
final class PreparedText {

    final String sql;
    /** The cache's plan, or null when this endpoint has no result cache of its own. */
    final QueryCache.Plan plan;
    private final ExecutionListener listener;
    private ExecutionListener.ObservedStatement observed;
    /**
     * The highest parameter index the real driver has accepted for this text: a bind up to it can
     * wait for the driver's statement, because the driver would not have refused it.
     */
    private int acceptedParameters;

    PreparedText(String sql, ExecutionListener listener, QueryCache cache) {
        this.sql = sql;
        this.listener = listener;
        this.plan = cache != null && cache.caches() ? cache.plan(sql) : null;
    }

    /**
     * The shape in the analysis, or null when it is off; looked up again when the analysis has
     * dropped it from its bounded statistics, so it never records into a shape nobody reports.
     */
    ExecutionListener.ObservedStatement observed() {
        ExecutionListener.ObservedStatement shape = observed;
        if (listener != null && (shape == null || shape.retired())) {
            shape = listener.observe(sql);
            observed = shape;
        }
        return shape;
    }

    /** True when a query of this text may be answered from the cache. */
    boolean cacheable() {
        return plan != null && plan.cacheable();
    }

    int acceptedParameters() {
        return acceptedParameters;
    }

    /** The real driver accepted a value for parameter {@code index}. */
    void accepted(int index) {
        if (index > acceptedParameters) {
            acceptedParameters = index;
        }
    }
}
