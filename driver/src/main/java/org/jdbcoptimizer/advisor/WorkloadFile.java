package org.jdbcoptimizer.advisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jdbcoptimizer.dialect.Database;

/**
 * A workload: the statement shapes an application runs, with how often and with which parameters,
 * read from a workload file (the format is described in {@code src/workload/shop/workload.sql} and
 * its README). {@link WorkloadReplay} runs it through any JDBC URL; {@link IndexImpact} measures an
 * index against it. Immutable.
 */
public final class WorkloadFile {

    private final String source;
    private final List<WorkloadShape> shapes;

    WorkloadFile(String source, List<WorkloadShape> shapes) {
        this.source = source;
        this.shapes = List.copyOf(shapes);
    }

    /**
     * Parses a workload file's text.
     *
     * @param source where the text came from, for messages (a file name)
     * @throws IllegalArgumentException naming the source, the line and what is wrong, when the text
     *     is not a valid workload (no shapes, a shape without {@code expect}, {@code runs} or
     *     statement, {@code ?} markers without {@code params}, a duplicate name, ...)
     */
    public static WorkloadFile parse(String text, String source) {
        return new WorkloadFile(source, new WorkloadParser(source).parse(text));
    }

    /**
     * Reads and parses a workload file (UTF-8).
     *
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when it is not a valid workload; see {@link #parse}
     */
    public static WorkloadFile read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Where it was read from. */
    public String source() {
        return source;
    }

    /** The shapes in file order; never empty. */
    public List<WorkloadShape> shapes() {
        return shapes;
    }

    /** The shape with this name. */
    public Optional<WorkloadShape> shape(String name) {
        return shapes.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The shapes the author expects this of on any database without an override, in file order. */
    public List<WorkloadShape> shapes(WorkloadExpectation expectation) {
        return shapes.stream().filter(s -> s.expectation() == expectation).toList();
    }

    /** The shapes the author expects this of on {@code database}, in file order. */
    public List<WorkloadShape> shapes(WorkloadExpectation expectation, Database database) {
        return shapes.stream().filter(s -> s.expectation(database) == expectation).toList();
    }

    /** Every distinct hand-written reference index of the shapes, in file order. */
    public List<String> referenceIndexes() {
        Set<String> ddl = new LinkedHashSet<>();
        shapes.forEach(s -> ddl.addAll(s.referenceIndexes()));
        return List.copyOf(ddl);
    }
}
