package com.example.shop;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.jdbcoptimizer.OptimizerDriver;

/** Another application instance: runs one write through the optimizer in its own JVM, then exits. */
public final class RemoteWriter {

    private RemoteWriter() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection(args[0]); Statement statement = connection.createStatement()) {
            statement.executeUpdate(args[1]);
        }
        OptimizerDriver.closePools();
    }
}
