package org.jdbcoptimizer.examples.demo;

import java.nio.file.Path;

/** How the demo shows paths and long text on a terminal line. */
final class Display {

    private Display() {
    }

    /** The path relative to the working directory when it is under it (as the user typed it), else absolute. */
    static String path(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath();
        return absolute.startsWith(here) && !absolute.equals(here) ? here.relativize(absolute).toString()
                : absolute.toString();
    }

    /** The text cut to {@code width} characters, a cut marked with "...". */
    static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 3) + "...";
    }
}
