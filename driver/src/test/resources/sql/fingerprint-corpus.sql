# Fingerprint corpus. "==== name" starts a group of statements that must share one fingerprint;
# different groups must have different fingerprints. "----" separates statements in a group.
# Lines starting with '#' before the first group are ignored.
==== select by id
SELECT * FROM users WHERE id = 1
----
select *
  from USERS   where ID = 42 -- trailing comment
----
SELECT * FROM users WHERE id = $1
----
SELECT * FROM users WHERE id = ?
----
/* leading comment /* nested */ still comment */ SELECT * FROM users WHERE id = -7;
----
SELECT * FROM users WHERE id = 'abc'
==== select by id with a quoted table differs
SELECT * FROM "Users" WHERE id = 1
----
SELECT * FROM "Users" WHERE id = 9
==== strings of every kind
SELECT name FROM t WHERE a = 'it''s' AND b = E'line\nbreak \' quote' AND c = $$dollar 'quoted'$$
----
SELECT name FROM t WHERE a = 'x' AND b = 'y' AND c = $tag$ other $$ text $tag$
----
SELECT name FROM t WHERE a = ? AND b = $2 AND c = $3
----
SELECT name FROM t WHERE a = N'nat' AND b = U&'d\0061t' AND c = '/* not a comment */'
==== comment-like text inside strings
SELECT name FROM t WHERE a = '-- not a comment' AND b = 1
----
SELECT name FROM t WHERE a = '/* nor this */' AND b = 2
==== in lists of any length
SELECT * FROM orders WHERE status IN ('open', 'paid', 'sent') AND id IN (1)
----
SELECT * FROM orders WHERE status IN ('open') AND id IN (1, 2, 3, 4, 5, 6, 7, 8)
----
SELECT * FROM orders WHERE status IN (?, ?) AND id IN ($1, $2, $3)
----
SELECT * FROM orders WHERE status in ( 'x' ) and id in (-1, +2)
==== not in is different from in
SELECT * FROM orders WHERE status NOT IN ('open', 'paid') AND id IN (1)
==== in subquery is not a list
SELECT * FROM orders WHERE customer_id IN (SELECT id FROM customers WHERE vip)
==== multi-row values
INSERT INTO t (a, b) VALUES (1, 'x')
----
INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'), (3, 'z')
----
insert into T (A, B) values ($1, $2), ($3, $4)
==== values rows of another shape
INSERT INTO t (a, b) VALUES (1, 'x'), (2, NULL)
==== arrays
SELECT * FROM t WHERE id = ANY(ARRAY[1, 2, 3])
----
SELECT * FROM t WHERE id = ANY(ARRAY[4])
==== any of a parameter
SELECT * FROM t WHERE id = ANY($1::int[])
----
SELECT * FROM t WHERE id = ANY(?::int[])
==== casts
SELECT created_at::date, '{1,2}'::int[] FROM events WHERE ts >= '2024-01-01'::timestamptz
----
SELECT created_at::date, '{}'::int[] FROM events WHERE ts >= ?::timestamptz
==== cte
WITH recent AS (SELECT * FROM orders WHERE created_at > now() - interval '7 days') SELECT count(*) FROM recent WHERE total > 100
----
with recent as (select * from orders where created_at > now() - interval '1 day') select count(*) from recent where total > 5.5
==== data-modifying cte
WITH moved AS (DELETE FROM inbox WHERE id = 5 RETURNING *) INSERT INTO archive SELECT * FROM moved
----
WITH moved AS (DELETE FROM inbox WHERE id = 99 RETURNING *) INSERT INTO archive SELECT * FROM moved
==== limits
SELECT * FROM t ORDER BY id LIMIT 10 OFFSET 20
----
SELECT * FROM t ORDER BY id LIMIT ? OFFSET ?
==== order by position keeps the position
SELECT a, b FROM t ORDER BY 2
==== order by another position
SELECT a, b FROM t ORDER BY 1
==== numbers of every kind
SELECT 1, 1.5, .5, 1e10, 0x1F, 1_000, -3
----
SELECT 2, 3, 4, 5, 6, 7, 8
==== sqlite quoting
SELECT [Full Name], `age` FROM [People] WHERE `id` = 1
----
SELECT "Full Name", "age" FROM "People" WHERE "id" = 2
==== sqlite upsert
INSERT OR REPLACE INTO kv (k, v) VALUES ('a', 1)
----
INSERT OR REPLACE INTO kv (k, v) VALUES ('b', 2), ('c', 3)
==== booleans and null are not constants to fold
SELECT * FROM t WHERE active = true AND deleted_at IS NULL
==== false is a different shape
SELECT * FROM t WHERE active = false AND deleted_at IS NULL
==== update
UPDATE accounts SET balance = balance - 100 WHERE id = 7
----
UPDATE accounts SET balance = balance - 5 WHERE id = 8
==== like
SELECT * FROM t WHERE name LIKE 'abc%'
----
SELECT * FROM t WHERE name LIKE '%abc'
==== jsonb question mark operator (JDBC escape)
SELECT * FROM docs WHERE body ?? 'key'
----
SELECT * FROM docs WHERE body ?? 'other'
==== multi statement
BEGIN; UPDATE t SET a = 1 WHERE id = 2; COMMIT;
----
begin ; update t set a = 3 where id = 4 ; commit
==== typed literals
SELECT * FROM t WHERE d > DATE '2024-01-01' AND i < INTERVAL '1 day'
----
SELECT * FROM t WHERE d > DATE '1999-12-31' AND i < INTERVAL '3 hours'
