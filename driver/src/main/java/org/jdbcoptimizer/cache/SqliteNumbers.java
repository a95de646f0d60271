package org.jdbcoptimizer.cache;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Calendar;
import java.util.GregorianCalendar;

/**
 * SQLite's own conversions, as its C library applies them under sqlite-jdbc's getters: text to
 * integer (the leading integer, saturating), text to real (the longest numeric prefix), real to text
 * ({@code %!.15g}) and sqlite-jdbc's reading of a REAL as a Julian day. Pure functions.
 */
final class SqliteNumbers {

    private static final MathContext FIFTEEN_DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);
    private static final String TWO_TO_63 = "9223372036854775808";

    private SqliteNumbers() {
    }

    /** SQLite's space characters: tab, newline, vertical tab, form feed, carriage return, space. */
    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The integer at the start of the text (after spaces and a sign); 0 if none; saturates at the long range. */
    static long textToLong(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && isSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        while (i < n && s.charAt(i) == '0') {
            i++;
        }
        int start = i;
        long value = 0;
        while (i < n && isDigit(s.charAt(i))) {
            value = value * 10 + (s.charAt(i) - '0');
            i++;
        }
        int digits = i - start;
        if (digits > 19 || (digits == 19 && s.substring(start, i).compareTo(TWO_TO_63) >= 0)) {
            return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return negative ? -value : value;
    }

    /** The number at the start of the text (digits, a point, an exponent); 0 (signed) if none. */
    static double textToDouble(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && isSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int start = i;
        int mantissaDigits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            mantissaDigits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                mantissaDigits++;
            }
        }
        if (mantissaDigits == 0) {
            return negative ? -0.0 : 0.0;
        }
        int end = i;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (s.charAt(j) == '-' || s.charAt(j) == '+')) {
                j++;
            }
            if (j < n && isDigit(s.charAt(j))) {
                while (j < n && isDigit(s.charAt(j))) {
                    j++;
                }
                end = j;
            }
        }
        String number = s.substring(start, end);
        if (number.charAt(0) == '.') {
            number = "0" + number;
        }
        double d = Double.parseDouble(number);
        return negative ? -d : d;
    }

    /** A REAL as SQLite's text: 15 significant digits, {@code 1.0}, {@code 1.0e+20}, {@code Inf}. */
    static String realToText(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "Inf" : "-Inf";
        }
        if (d == 0 || Double.isNaN(d)) {
            return "0.0";
        }
        BigDecimal rounded = new BigDecimal(d).round(FIFTEEN_DIGITS);
        int exponent = rounded.precision() - rounded.scale() - 1;
        BigDecimal stripped = rounded.stripTrailingZeros();
        String digits = stripped.unscaledValue().abs().toString();
        StringBuilder sb = new StringBuilder(24);
        if (d < 0) {
            sb.append('-');
        }
        if (exponent < -4 || exponent >= 15) {
            sb.append(digits.charAt(0)).append('.');
            sb.append(digits.length() > 1 ? digits.substring(1) : "0");
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                sb.append('0');
            }
            sb.append(abs);
        } else {
            String plain = stripped.abs().toPlainString();
            sb.append(plain);
            if (plain.indexOf('.') < 0) {
                sb.append(".0");
            }
        }
        return sb.toString();
    }

    /**
     * sqlite-jdbc's reading of a REAL as a Julian day number into {@code calendar} (Meeus' algorithm,
     * Julian calendar before 1582-10-15), truncating each field as it goes.
     */
    static Calendar julianDayToCalendar(double julianDay, Calendar calendar) {
        double w = julianDay + 0.5;
        int z = (int) w;
        double fraction = w - z;
        int a = z;
        if (z >= 2299161) {
            int alpha = (int) ((z - 1867216.25) / 36524.25);
            a = z + 1 + alpha - (int) (alpha / 4.0);
        }
        int b = a + 1524;
        int c = (int) ((b - 122.1) / 365.25);
        int d = (int) (365.25 * c);
        int e = (int) ((b - d) / 30.6001);
        int month = e - (e < 13.5 ? 1 : 13);
        int year = c - (month > 2.5 ? 4716 : 4715);
        double dayWithFraction = b - d - (int) (30.6001 * e) + fraction;
        int day = (int) dayWithFraction;
        double hours = dayWithFraction - day;
        int hour = (int) (24 * hours);
        double minutes = 24 * hours - hour;
        int minute = (int) (60 * minutes);
        double seconds = 60 * minutes - minute;
        int second = (int) (60 * seconds);
        double millis = 60 * seconds - second;
        calendar.set(year, month - 1, day, hour, minute, second);
        calendar.set(Calendar.MILLISECOND, (int) (1000 * millis));
        if (year < 1) {
            calendar.set(Calendar.ERA, GregorianCalendar.BC);
            calendar.set(Calendar.YEAR, -(year - 1));
        }
        return calendar;
    }
}
