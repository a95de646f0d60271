package org.jdbcoptimizer.cache;

import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Calls every getter of two result sets positioned on the same row, by index and by label, and
 * lists where they differ: the value (compared as a description that includes its class), whether
 * it threw (and then the kind of exception and, where the driver gives one, the SQLState), and what
 * wasNull says afterwards. Also compares every ResultSetMetaData method for every column.
 */
final class DriverComparison {

    /** A getter's name, its parameter types after the column, and fresh arguments for each call. */
    private static final class Getter {
        final String name;
        final Class<?>[] extra;
        final Supplier<Object[]> args;
        final String description;

        Getter(String description, String name, Class<?>[] extra, Supplier<Object[]> args) {
            this.description = description;
            this.name = name;
            this.extra = extra;
            this.args = args;
        }
    }

    private static final Class<?>[] NONE = {};

    static final List<Class<?>> OBJECT_CLASSES = List.of(String.class, Integer.class, Long.class, Short.class,
            Byte.class, Boolean.class, Double.class, Float.class, BigDecimal.class, BigInteger.class,
            LocalDate.class, LocalTime.class, LocalDateTime.class, OffsetDateTime.class, OffsetTime.class,
            Instant.class, UUID.class, byte[].class, Date.class, Time.class, Timestamp.class, java.util.Date.class,
            Calendar.class, Array.class, Blob.class, Clob.class, SQLXML.class, Object.class);

    private final List<Getter> getters = new ArrayList<>();
    private final java.util.Set<String> onlyBothThrow;

    /**
     * @param onlyBothThrow getters (by description) where a difference in the kind of exception is
     *                      expected and documented: only that both throw, or neither, is checked
     */
    DriverComparison(List<Class<?>> extraObjectClasses, java.util.Set<String> onlyBothThrow) {
        this.onlyBothThrow = onlyBothThrow;
        for (String name : List.of("getString", "getNString", "getBoolean", "getByte", "getShort", "getInt",
                "getLong", "getFloat", "getDouble", "getBigDecimal", "getBytes", "getDate", "getTime", "getTimestamp",
                "getObject", "getArray", "getBlob", "getClob", "getNClob", "getSQLXML", "getAsciiStream",
                "getUnicodeStream", "getBinaryStream", "getCharacterStream", "getNCharacterStream", "getURL",
                "getRef", "getRowId")) {
            add(name, name, NONE, () -> new Object[0]);
        }
        add("getBigDecimal(scale 2)", "getBigDecimal", new Class<?>[] {int.class}, () -> new Object[] {2});
        add("getBigDecimal(scale 0)", "getBigDecimal", new Class<?>[] {int.class}, () -> new Object[] {0});
        for (String zone : List.of("America/New_York", "Asia/Kolkata", "UTC")) {
            for (String name : List.of("getDate", "getTime", "getTimestamp")) {
                add(name + "(" + zone + ")", name, new Class<?>[] {Calendar.class},
                        () -> new Object[] {Calendar.getInstance(TimeZone.getTimeZone(zone))});
            }
        }
        for (String name : List.of("getDate", "getTime", "getTimestamp")) {
            add(name + "(null calendar)", name, new Class<?>[] {Calendar.class}, () -> new Object[] {null});
        }
        add("getObject(empty map)", "getObject", new Class<?>[] {Map.class}, () -> new Object[] {Map.of()});
        add("getObject(map)", "getObject", new Class<?>[] {Map.class},
                () -> new Object[] {Map.of("x", String.class)});
        List<Class<?>> classes = new ArrayList<>(OBJECT_CLASSES);
        classes.addAll(extraObjectClasses);
        for (Class<?> type : classes) {
            add("getObject(" + type.getSimpleName() + ")", "getObject", new Class<?>[] {Class.class},
                    () -> new Object[] {type});
        }
    }

    private void add(String description, String name, Class<?>[] extra, Supplier<Object[]> args) {
        getters.add(new Getter(description, name, extra, args));
    }

    /** Differences between the two result sets on their current rows; empty when none. */
    List<String> compareRow(ResultSet expected, ResultSet actual, String[] labels, String rowName) throws Exception {
        List<String> differences = new ArrayList<>();
        for (int column = 1; column <= labels.length; column++) {
            for (Getter getter : getters) {
                for (boolean byLabel : new boolean[] {false, true}) {
                    Object key = byLabel ? caseFlipped(labels[column - 1]) : column;
                    String e = call(expected, getter, key);
                    String eNull = describe(() -> expected.wasNull());
                    String a = call(actual, getter, key);
                    String aNull = describe(() -> actual.wasNull());
                    String where = rowName + " column " + labels[column - 1] + " " + getter.description
                            + (byLabel ? " by label" : "");
                    boolean bothThrew = e.startsWith("EX") && a.startsWith("EX");
                    if (!same(e, a) && !(bothThrew && onlyBothThrow.contains(getter.description))) {
                        differences.add(where + ": driver " + e + " | cached " + a);
                    } else if (!eNull.equals(aNull) && !e.startsWith("EX")) {
                        differences.add(where + " then wasNull: driver " + eNull + " | cached " + aNull);
                    }
                }
            }
        }
        return differences;
    }

    private static String caseFlipped(String label) {
        return label.equals(label.toUpperCase()) ? label.toLowerCase() : label.toUpperCase();
    }

    /** Equal descriptions, or both threw the same kind of exception (same SQLState where the driver gave one). */
    private static boolean same(String expected, String actual) {
        if (expected.equals(actual)) {
            return true;
        }
        if (expected.startsWith("EX ") && actual.startsWith("EX ")) {
            String[] e = expected.split(" ");
            String[] a = actual.split(" ");
            return e[1].equals(a[1]) && ("null".equals(e[2]) || e[2].equals(a[2]));
        }
        return false;
    }

    private static String call(ResultSet rs, Getter getter, Object column) throws Exception {
        Class<?>[] types = new Class<?>[getter.extra.length + 1];
        types[0] = column instanceof Integer ? int.class : String.class;
        System.arraycopy(getter.extra, 0, types, 1, getter.extra.length);
        Method method = ResultSet.class.getMethod(getter.name, types);
        Object[] extraArgs = getter.args.get();
        Object[] args = new Object[extraArgs.length + 1];
        args[0] = column;
        System.arraycopy(extraArgs, 0, args, 1, extraArgs.length);
        return describe(() -> {
            try {
                return method.invoke(rs, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    interface Call {
        Object call() throws Throwable;
    }

    /** A value's description (with its class), or "EX kind state" for an exception. */
    /**
     * Captures {@code sql}'s result on {@code connection}, passes it through {@code transform}
     * (identity, or a round trip through the Redis store's format), and checks that a cursor over it
     * answers every getter on every row as the driver's own result set for the same SELECT does.
     */
    void assertSameAsDriver(java.sql.Connection connection, String sql,
                            java.util.function.UnaryOperator<CachedResult> transform) throws Exception {
        CachedResult cached;
        try (java.sql.Statement capturing = connection.createStatement(); ResultSet rs = capturing.executeQuery(sql)) {
            cached = transform.apply(CachedResult.capture(rs));
        }
        List<String> differences = new ArrayList<>();
        try (java.sql.Statement statement = connection.createStatement();
             ResultSet expected = statement.executeQuery(sql);
             ResultSet actual = cached.open(statement, ResultSet.TYPE_FORWARD_ONLY)) {
            ResultSetMetaData metaData = expected.getMetaData();
            String[] labels = new String[metaData.getColumnCount()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = metaData.getColumnLabel(i + 1);
            }
            int row = 0;
            while (expected.next()) {
                org.junit.jupiter.api.Assertions.assertTrue(actual.next(), "cached result has fewer rows");
                row++;
                differences.addAll(compareRow(expected, actual, labels, "row " + row));
            }
            org.junit.jupiter.api.Assertions.assertFalse(actual.next(), "cached result has more rows");
            org.junit.jupiter.api.Assertions.assertEquals(row, cached.rowCount());
        }
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), differences, differences.size()
                + " differences, the first:\n" + String.join("\n", differences.subList(0, Math.min(40, differences.size()))));
    }

    /** The result as another process reads it from the Redis result store: serialized and read back. */
    static CachedResult throughStore(CachedResult result) {
        byte[] bytes = SharedResults.encode(new SharedResults.Entry(new String[] {"t"}, new long[] {1, 2}, result));
        org.junit.jupiter.api.Assertions.assertNotNull(bytes, "the result serializes");
        SharedResults.Entry entry = SharedResults.decode(bytes);
        org.junit.jupiter.api.Assertions.assertNotNull(entry, "and reads back through the class filter");
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {1, 2}, entry.remoteVersions());
        return entry.result();
    }

    static String describe(Call call) {
        try {
            return describeValue(call.call());
        } catch (SQLFeatureNotSupportedException e) {
            return "EX unsupported " + e.getSQLState() + " " + e.getMessage();
        } catch (SQLException e) {
            return "EX sql " + e.getSQLState() + " " + e.getMessage();
        } catch (Throwable e) {
            return "EX " + e.getClass().getName() + " null " + e.getMessage();
        }
    }

    static String describeValue(Object v) throws Exception {
        if (v == null) {
            return "null";
        }
        if (v instanceof byte[]) {
            return "byte[]" + Arrays.toString((byte[]) v);
        }
        if (v instanceof InputStream) {
            return "stream" + Arrays.toString(((InputStream) v).readAllBytes());
        }
        if (v instanceof Reader) {
            StringBuilder sb = new StringBuilder("reader:");
            Reader reader = (Reader) v;
            for (int c; (c = reader.read()) >= 0; ) {
                sb.append((char) c);
            }
            return sb.toString();
        }
        if (v instanceof Array) {
            Array a = (Array) v;
            return "array:" + a.getBaseTypeName() + "/" + a.getBaseType() + "/" + describeValue(a.getArray()) + "/" + a;
        }
        if (v instanceof Blob) {
            Blob b = (Blob) v;
            return "blob:" + Arrays.toString(b.getBytes(1, (int) b.length()));
        }
        if (v instanceof Clob) {
            Clob c = (Clob) v;
            return "clob:" + c.getSubString(1, (int) c.length());
        }
        if (v instanceof SQLXML) {
            return "xml:" + ((SQLXML) v).getString();
        }
        if (v instanceof Calendar) {
            Calendar c = (Calendar) v;
            return "calendar:" + c.getTimeInMillis() + "/" + c.getTimeZone().getID();
        }
        if (v instanceof java.util.Date) {
            return v.getClass().getName() + ":" + ((java.util.Date) v).getTime() + "/" + v;
        }
        if (v instanceof Object[]) {
            StringBuilder sb = new StringBuilder(v.getClass().getComponentType().getName()).append("[");
            for (Object element : (Object[]) v) {
                sb.append(describeValue(element)).append(',');
            }
            return sb.append(']').toString();
        }
        if (v.getClass().isArray()) {
            return v.getClass().getName() + Arrays.toString(new Object[] {v});
        }
        return v.getClass().getName() + ":" + v;
    }

    /** Differences between two metadata objects, method by method and column by column (and just outside). */
    static List<String> compareMetaData(ResultSetMetaData expected, ResultSetMetaData actual) throws Exception {
        List<String> differences = new ArrayList<>();
        String e0 = describe(expected::getColumnCount);
        String a0 = describe(actual::getColumnCount);
        if (!e0.equals(a0)) {
            differences.add("getColumnCount: driver " + e0 + " | cached " + a0);
        }
        int count = expected.getColumnCount();
        for (Method method : ResultSetMetaData.class.getMethods()) {
            if (method.getParameterCount() != 1 || method.getParameterTypes()[0] != int.class) {
                continue;
            }
            for (int column = 0; column <= count + 1; column++) {
                int c = column;
                String e = describe(() -> invoke(method, expected, c));
                String a = describe(() -> invoke(method, actual, c));
                if (!same(e, a)) {
                    differences.add(method.getName() + "(" + column + "): driver " + e + " | cached " + a);
                }
            }
        }
        return differences;
    }

    private static Object invoke(Method method, Object target, Object... args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
