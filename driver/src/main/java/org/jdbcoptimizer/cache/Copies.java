package org.jdbcoptimizer.cache;

import java.lang.reflect.Array;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * Copies of mutable values, so that a cursor never hands out an object that another cursor (or the
 * shared {@link CachedResult}) also holds: byte arrays, the java.util.Date family, calendars and
 * arrays (deeply). Immutable values (String, the Number classes, UUID, java.time) are returned as
 * they are.
 */
final class Copies {

    private Copies() {
    }

    static Object copy(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[]) {
            return ((byte[]) value).clone();
        }
        if (value instanceof java.util.Date) {
            return copyDate((java.util.Date) value);
        }
        if (value instanceof Calendar) {
            return ((Calendar) value).clone();
        }
        if (value.getClass().isArray()) {
            return copyArray(value);
        }
        return value;
    }

    static java.util.Date copyDate(java.util.Date date) {
        if (date instanceof Timestamp) {
            Timestamp copy = new Timestamp(date.getTime());
            copy.setNanos(((Timestamp) date).getNanos());
            return copy;
        }
        if (date instanceof Date) {
            return new Date(date.getTime());
        }
        if (date instanceof Time) {
            return new Time(date.getTime());
        }
        return new java.util.Date(date.getTime());
    }

    /** A deep copy of an array: nested arrays and mutable elements are copied too. */
    static Object copyArray(Object array) {
        Class<?> component = array.getClass().getComponentType();
        int length = Array.getLength(array);
        if (component.isPrimitive()) {
            Object copy = Array.newInstance(component, length);
            System.arraycopy(array, 0, copy, 0, length);
            return copy;
        }
        Object[] copy = ((Object[]) array).clone();
        for (int i = 0; i < copy.length; i++) {
            copy[i] = copy(copy[i]);
        }
        return copy;
    }
}
