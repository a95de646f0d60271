package org.jdbcoptimizer.analyze;

import java.util.List;

import org.jdbcoptimizer.sql.SqlInfo;

/**
 * One statement shape as the index advisor sees it: its statistics, the statement (the first text
 * seen of the shape, literals included), and the parameters of a recent execution.
 *
 * @param stats          the shape's counters
 * @param info           the analyzed statement; {@code info.text()} is a text the application ran
 * @param parameters     the bound values of a recent execution in marker order (values may be
 *                       null); empty when the shape has no parameters or none could be recorded
 * @param sameTextAlways true when every execution ran exactly {@code info.text()}, so its
 *                       literals never varied
 */
public record ObservedShape(ShapeStats stats, SqlInfo info, List<Object> parameters, boolean sameTextAlways) {
}
