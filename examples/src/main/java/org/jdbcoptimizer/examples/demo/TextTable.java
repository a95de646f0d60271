package org.jdbcoptimizer.examples.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for the terminal: the first column left-aligned (labels), the others
 * right-aligned (numbers), each as wide as its widest cell. Header rows, if any, are ruled off
 * from the body.
 */
final class TextTable {

    private final List<String[]> headers = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    TextTable(int columns) {
        this.columns = columns;
    }

    TextTable header(String... cells) {
        headers.add(check(cells));
        return this;
    }

    TextTable row(String... cells) {
        rows.add(check(cells));
        return this;
    }

    void print(PrintStream out, String indent) {
        int[] widths = new int[columns];
        for (List<String[]> part : List.of(headers, rows)) {
            for (String[] cells : part) {
                for (int c = 0; c < columns; c++) {
                    widths[c] = Math.max(widths[c], cells[c].length());
                }
            }
        }
        for (String[] cells : headers) {
            out.println(indent + format(cells, widths));
        }
        if (!headers.isEmpty()) {
            StringBuilder rule = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                rule.append(c == 0 ? "" : "   ").append("-".repeat(widths[c]));
            }
            out.println(indent + rule);
        }
        for (String[] cells : rows) {
            out.println(indent + format(cells, widths));
        }
    }

    private static String format(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            String cell = cells[c];
            String pad = " ".repeat(widths[c] - cell.length());
            line.append(c == 0 ? "" : "   ").append(c == 0 ? cell + pad : pad + cell);
        }
        return line.toString().stripTrailing();
    }

    private String[] check(String[] cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
        }
        return cells;
    }
}
