package org.jdbcoptimizer.analyze;

/**
 * The application frame that ran a statement: the first stack frame outside the optimizer, the
 * JDK, JDBC drivers and connection pools. Walking the stack costs microseconds, so it is only done
 * for statements that are logged (slow ones, N+1 runs), never on every execution.
 */
public final class CallSite {

    /** The optimizer's own packages (not its examples, which are an application) and common libraries. */
    private static final String[] SKIPPED_PREFIXES = {
        "org.jdbcoptimizer.jdbc.", "org.jdbcoptimizer.analyze.", "org.jdbcoptimizer.pool.", "org.jdbcoptimizer.cache.",
        "org.jdbcoptimizer.OptimizerD", "java.", "javax.", "jdk.", "sun.", "com.sun.", "org.postgresql.", "org.sqlite.",
        "com.zaxxer.hikari.", "org.springframework.jdbc.", "org.hibernate.", "org.apache.commons.dbcp",
        "net.ttddyy.dsproxy.", "com.p6spy."
    };

    private CallSite() {
    }

    /** "com.shop.OrderDao.findItems(OrderDao.java:42)", or "unknown" when only library frames ran. */
    public static String find() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(frame -> !isLibrary(frame.getClassName()))
                .findFirst()
                .map(frame -> frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
                        + frame.getLineNumber() + ")")
                .orElse("unknown"));
    }

    static boolean isLibrary(String className) {
        for (String prefix : SKIPPED_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
