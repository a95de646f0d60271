package org.jdbcoptimizer.sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the tables a DDL statement (or COPY) affects, from its tokens.
 *
 * <p>Design note: DDL names its objects at fixed places ({@code DROP TABLE [IF EXISTS] a, b},
 * {@code CREATE INDEX ... ON t}, {@code ALTER TABLE a RENAME TO b}), and JSqlParser 5.0 fails on
 * many PostgreSQL forms of it (TRUNCATE, DROP of several tables, CREATE INDEX CONCURRENTLY /
 * IF NOT EXISTS / USING), so a lexical reading is both simpler and more reliable. Every affected
 * table is reported as written, including for changes that keep rows but change results (ALTER
 * TABLE, CREATE INDEX and CREATE TRIGGER are reported too, conservatively). Queries embedded in
 * CREATE TABLE/VIEW ... AS and COPY (query) are returned for the parser. Objects that hold no
 * table rows (functions, types, sequences, roles, indexes...) give an empty result. Anything not
 * recognized, and every {@code CASCADE} (which reaches dependent objects we cannot see), gives
 * null: unknown reach.
 */
final class DdlScanner {

    /** The outcome for a recognized statement. */
    record Result(Set<TableRef> written, Set<TableRef> read, List<List<Token>> queries) {
    }

    private static final Set<String> CREATE_MODIFIERS = Set.of("or", "replace", "global", "local", "temp",
            "temporary", "unlogged", "unique", "recursive", "constraint", "trusted", "procedural");
    private static final Set<String> ROWLESS_OBJECTS = Set.of("function", "procedure", "routine", "aggregate",
            "type", "domain", "extension", "sequence", "schema", "role", "user", "group", "language", "operator",
            "cast", "collation", "conversion", "text", "statistics", "publication", "subscription", "server",
            "tablespace", "database", "access", "transform", "event", "default", "system", "index", "rule");

    private enum Target { TABLE, VIEW, INDEX, ON_TARGET, ROWLESS }

    private final List<Token> s;
    private final Set<TableRef> written = new LinkedHashSet<>();
    private final Set<TableRef> read = new LinkedHashSet<>();
    private final List<List<Token>> queries = new ArrayList<>();
    private int i;

    private DdlScanner(List<Token> statement) {
        this.s = statement;
    }

    /** The tables {@code statement} affects, or null when its reach is unknown. */
    static Result scan(List<Token> statement) {
        return statement.isEmpty() ? null : new DdlScanner(statement).run();
    }

    private Result run() {
        boolean known = switch (s.get(0).value()) {
            case "create" -> create();
            case "alter" -> !cascade() && alter();
            case "drop" -> !cascade() && drop();
            case "truncate" -> !cascade() && truncate();
            case "refresh" -> refresh();
            case "rename" -> renameTables();
            case "comment" -> true;
            case "copy" -> copy();
            default -> false;
        };
        return known ? new Result(Set.copyOf(written), Set.copyOf(read), List.copyOf(queries)) : null;
    }

    private boolean create() {
        i = 1;
        while (at().isAny(CREATE_MODIFIERS)) {
            i++;
        }
        Target target = target();
        if (target == null) {
            return false;
        }
        return switch (target) {
            case TABLE -> relationAs(false);
            case VIEW -> relationAs(true);
            case INDEX, ON_TARGET -> onTarget();
            case ROWLESS -> true;
        };
    }

    private boolean alter() {
        i = 1;
        if (at().is("schema")) {
            return false; // renaming a schema moves every table in it
        }
        Target target = target();
        if (target == Target.TABLE || target == Target.VIEW) {
            skipIfExists();
            if (at().is("only")) {
                i++;
            }
            if (at().is("all")) {
                return false; // ALTER TABLE ALL IN TABLESPACE
            }
            TableRef table = name();
            if (table == null) {
                return false;
            }
            written.add(table);
            for (int j = i; j < s.size(); j++) {
                Token t = s.get(j);
                if (t.depth() != 0) {
                    continue;
                }
                if (t.is("rename") && token(j + 1).is("to")) {
                    i = j + 2;
                    TableRef renamed = name();
                    if (renamed != null) { // the new name lives in the old schema
                        written.add(new TableRef(table.schema(), renamed.name()));
                    }
                } else if (t.is("set") && token(j + 1).is("schema") && token(j + 2).isName()) {
                    written.add(new TableRef(token(j + 2).value(), table.name()));
                } else if ((t.is("attach") || t.is("detach")) && token(j + 1).is("partition")) {
                    i = j + 2;
                    TableRef partition = name();
                    if (partition != null) {
                        written.add(partition);
                    }
                }
            }
            return true;
        }
        if (target == Target.ON_TARGET) {
            return onTarget();
        }
        return target == Target.INDEX || target == Target.ROWLESS;
    }

    private boolean drop() {
        i = 1;
        Target target = target();
        if (target == Target.TABLE || target == Target.VIEW) {
            skipIfExists();
            return names();
        }
        if (target == Target.ON_TARGET) {
            return depthZero("on") < 0 || onTarget(); // SQLite's DROP TRIGGER names no table
        }
        return target == Target.INDEX || target == Target.ROWLESS;
    }

    private boolean truncate() {
        i = 1;
        if (at().is("table")) {
            i++;
        }
        return names();
    }

    /** A list {@code [ONLY] name [*] [, ...]}, all written. */
    private boolean names() {
        while (true) {
            if (at().is("only")) {
                i++;
            }
            TableRef t = name();
            if (t == null) {
                return false;
            }
            written.add(t);
            if (at().is(TokenType.OPERATOR) && at().text().equals("*")) {
                i++;
            }
            if (!at().is(TokenType.COMMA)) {
                return true;
            }
            i++;
        }
    }

    private boolean refresh() {
        i = 1;
        if (!at().is("materialized") || !token(2).is("view")) {
            return false;
        }
        i = 3;
        if (at().is("concurrently")) {
            i++;
        }
        TableRef view = name();
        if (view == null) {
            return false;
        }
        written.add(view);
        return true;
    }

    /** MySQL/MariaDB {@code RENAME TABLE a TO b [, c TO d]}. */
    private boolean renameTables() {
        i = 1;
        if (!at().is("table")) {
            return false;
        }
        while (true) {
            i++; // past TABLE or the comma
            TableRef from = name();
            if (from == null || !at().is("to")) {
                return false;
            }
            i++;
            TableRef to = name();
            if (to == null) {
                return false;
            }
            written.add(from);
            written.add(to);
            if (!at().is(TokenType.COMMA)) {
                return true;
            }
        }
    }

    private boolean copy() {
        i = 1;
        if (at().is(TokenType.LPAREN)) {
            queries.add(s.subList(i + 1, Statements.closing(s, i)));
            return true;
        }
        TableRef table = name();
        if (table == null) {
            return false;
        }
        if (at().is(TokenType.LPAREN)) {
            i = Statements.closing(s, i) + 1;
        }
        if (at().is("from")) {
            written.add(table);
        } else if (at().is("to")) {
            read.add(table);
        } else {
            return false;
        }
        return true;
    }

    /** {@code name ... [PARTITION OF parent] ... AS query [WITH [NO] DATA | WITH CHECK OPTION]}. */
    private boolean relationAs(boolean requireQuery) {
        skipIfExists();
        TableRef relation = name();
        if (relation == null) {
            return false;
        }
        written.add(relation);
        int partition = depthZero("partition");
        if (partition > 0 && token(partition + 1).is("of")) {
            i = partition + 2;
            TableRef parent = name();
            if (parent != null) {
                written.add(parent); // rows of a default partition may move
            }
        }
        int as = depthZero("as");
        if (as < 0) {
            return !requireQuery;
        }
        int end = s.size();
        while (end - as > 2 && trailingOption(end)) {
            end = lastWith(end);
        }
        queries.add(s.subList(as + 1, end));
        return true;
    }

    /** The query ends with WITH [NO] DATA or WITH [CASCADED|LOCAL] CHECK OPTION. */
    private boolean trailingOption(int end) {
        Token last = s.get(end - 1);
        return last.depth() == 0 && (last.is("data") || last.is("option")) && lastWith(end) > 0;
    }

    private int lastWith(int end) {
        for (int j = end - 1; j >= Math.max(0, end - 4); j--) {
            if (s.get(j).is("with") && s.get(j).depth() == 0) {
                return j;
            }
        }
        return -1;
    }

    /** {@code ... ON [ONLY] table}: CREATE INDEX, CREATE/ALTER/DROP TRIGGER or POLICY. */
    private boolean onTarget() {
        int on = depthZero("on");
        if (on < 0) {
            return false;
        }
        i = on + 1;
        if (at().is("only")) {
            i++;
        }
        TableRef table = name();
        if (table == null) {
            return false;
        }
        written.add(table);
        return true;
    }

    /** Reads the object type at {@code i} and moves past it; null if not recognized. */
    private Target target() {
        Token t = at();
        Token next = token(i + 1);
        if ((t.is("materialized") && next.is("view")) || ((t.is("foreign") || t.is("virtual")) && next.is("table"))) {
            i += 2;
            return t.is("materialized") ? Target.VIEW : Target.TABLE;
        }
        i++;
        if (t.is("table")) {
            return Target.TABLE;
        }
        if (t.is("view")) {
            return Target.VIEW;
        }
        if (t.is("index")) {
            return Target.INDEX;
        }
        if (t.is("trigger") || t.is("policy")) {
            return Target.ON_TARGET;
        }
        return t.isAny(ROWLESS_OBJECTS) || t.is("foreign") ? Target.ROWLESS : null;
    }

    private boolean cascade() {
        return depthZero("cascade") >= 0;
    }

    private int depthZero(String word) {
        for (int j = 1; j < s.size(); j++) {
            if (s.get(j).depth() == 0 && s.get(j).is(word)) {
                return j;
            }
        }
        return -1;
    }

    private void skipIfExists() {
        if (at().is("if")) {
            i += token(i + 1).is("not") ? 3 : 2;
        }
    }

    /** A possibly qualified name at {@code i} (catalog.schema.name keeps schema and name). */
    private TableRef name() {
        List<String> parts = new ArrayList<>(3);
        while (at().isName()) {
            parts.add(at().value());
            i++;
            if (at().is(TokenType.DOT) && token(i + 1).isName()) {
                i++;
            } else {
                break;
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        String schema = parts.size() >= 2 ? parts.get(parts.size() - 2) : null;
        return new TableRef(schema, parts.get(parts.size() - 1));
    }

    private static final Token END = Token.synthetic(TokenType.SEMICOLON, ";", 0);

    private Token at() {
        return token(i);
    }

    private Token token(int index) {
        return index >= 0 && index < s.size() ? s.get(index) : END;
    }
}
