package org.jdbcoptimizer.util;

/**
 * Thrown by {@link Json#parse(String)} for text that is not one valid JSON value. The message
 * names what was wrong and where: {@code "expected ',' or '}' but found 'x' at line 1, column 17
 * (offset 16)"}; the parts are available separately for callers that print their own context.
 */
public final class JsonParseException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String reason;
    private final int offset;
    private final int line;
    private final int column;

    JsonParseException(String reason, int offset, int line, int column) {
        super(reason + " at line " + line + ", column " + column + " (offset " + offset + ")");
        this.reason = reason;
        this.offset = offset;
        this.line = line;
        this.column = column;
    }

    /** What was wrong, without the position. */
    public String reason() {
        return reason;
    }

    /** The zero-based character offset in the text where the problem was found. */
    public int offset() {
        return offset;
    }

    /** The one-based line (lines end at {@code \n}). */
    public int line() {
        return line;
    }

    /** The one-based column within {@link #line()}, counted in UTF-16 chars. */
    public int column() {
        return column;
    }
}
