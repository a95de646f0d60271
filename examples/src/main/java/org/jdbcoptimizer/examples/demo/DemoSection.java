package org.jdbcoptimizer.examples.demo;

import java.io.PrintStream;

/**
 * One numbered part of the demo: a scenario that runs on the loaded shop and prints what it
 * measured. New features (index advice next) come in as new sections.
 */
interface DemoSection {

    /** A one-line heading, e.g. "Connection pool". */
    String title();

    /** Runs the scenario on the shop and prints its findings, indented under the heading. */
    void run(ShopDatabase shop, PrintStream out) throws Exception;
}
