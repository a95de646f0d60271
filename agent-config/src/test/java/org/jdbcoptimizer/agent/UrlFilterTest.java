package org.jdbcoptimizer.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class UrlFilterTest {

    @Test
    void globStarMatchesAnyTextAndEverythingElseIsLiteral() {
        UrlFilter filter = new UrlFilter(UrlFilter.parse("jdbc:postgresql://db/app?user=*"), List.of());

        assertTrue(filter.wraps("jdbc:postgresql://db/app?user=app"));
        assertFalse(filter.wraps("jdbc:postgresql://db/appXuser=app"), "? and . are literal");
        assertFalse(filter.wraps("jdbc:postgresql://db/other"));
        assertFalse(filter.wraps(null));
    }

    @Test
    void excludeWinsOverInclude() {
        UrlFilter filter = new UrlFilter(UrlFilter.parse("*"), UrlFilter.parse("jdbc:sqlite:*, regex:.*batch.*"));

        assertTrue(filter.wraps("jdbc:postgresql://db/app"));
        assertFalse(filter.wraps("jdbc:sqlite:app.db"));
        assertFalse(filter.wraps("jdbc:postgresql://db/batch"));
    }

    @Test
    void noIncludePatternWrapsNothing() {
        assertFalse(new UrlFilter(UrlFilter.parse(" , "), List.of()).wraps("jdbc:postgresql://db/app"));
    }

    @Test
    void aBadRegexNamesThePattern() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UrlFilter.parse("regex:[a"));
        assertTrue(e.getMessage().contains("'regex:[a'"), e.getMessage());
    }
}
