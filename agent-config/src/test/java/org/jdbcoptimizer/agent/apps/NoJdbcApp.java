package org.jdbcoptimizer.agent.apps;

/** An application without any JDBC: the agent must cost it little and load nothing of JDBC. */
public final class NoJdbcApp {

    private NoJdbcApp() {
    }

    public static void main(String[] args) {
        System.out.println("hello without JDBC");
    }
}
