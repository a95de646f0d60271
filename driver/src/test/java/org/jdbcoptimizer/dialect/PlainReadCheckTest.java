package org.jdbcoptimizer.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PlainReadCheckTest {

    @Test
    void plainReadsPass() {
        for (String sql : List.of("select * from t where v = ?", "SELECT 1;", "  (select 1) union (select 2)",
                "with x as (select * from t) select * from x", "values (1), (2)", "table t",
                "select update_time, created_by, inserted from t", "select * from t where note = 'delete me; now'",
                "select \"update\" from t", "select $$drop table t$$", "select $q$ insert $q$",
                "select * from t -- delete from t\n where v = $1", "select /* into /* nested */ update */ 1",
                "select E'it\\'s an insert'", "select substring(name for 3) from t", "select comment from t")) {
            assertTrue(PlainReadCheck.isPlainRead(sql), sql);
        }
    }

    @Test
    void writesAndLocksAreRefused() {
        for (String sql : List.of("delete from t where id < 100", "update t set v = 1", "insert into t select 1",
                "with d as (delete from t returning *) select * from d", "merge into t using s on true when matched then delete",
                "select * into copy_of_t from t", "select * from t for update", "select * from t for no key update",
                "select * from t for share", "select * from t for key share", "create table x as select 1",
                "copy t to stdout", "truncate t", "drop table t", "alter table t add c int", "explain select 1",
                "select nextval('s')", "select setval('s', 1)", "select pg_advisory_lock(1)",
                "select pg_try_advisory_xact_lock(1)", "select lo_unlink(1)", "select set_config('a', 'b', false)",
                "select 1; delete from t", "vacuum t", "call p()", "do $$ begin end $$", "set x = 1", "")) {
            assertFalse(PlainReadCheck.isPlainRead(sql), sql);
        }
    }

    @Test
    void whatCannotBeReadWithCertaintyIsNotAPlainRead() {
        for (String sql : List.of("select 'open", "select \"open", "select /* open", "select $a$ open",
                "select E'open\\'")) {
            assertFalse(PlainReadCheck.isPlainRead(sql), sql);
            assertNull(PlainReadCheck.words(sql), sql);
        }
    }

    @Test
    void wordsSkipLiteralsCommentsAndQuotedIdentifiers() {
        assertEquals(List.of("SELECT", "A", "FROM", "T", "WHERE", "B"),
                PlainReadCheck.words("select a, 'x y' from \"T z\" t -- c\n where b = $1;"));
    }
}
