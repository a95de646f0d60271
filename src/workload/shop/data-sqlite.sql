-- Deterministic data for schema-sqlite.sql. The loader (WorkloadScript) multiplies each size
-- below by the scale factor and replaces ${name} with the result; ids run from 1 to the size.
-- Row numbers g come from a recursive counter (SQLite has no generate_series built in). Integer
-- division and modulo behave as in PostgreSQL, so both databases get the same rows.
-- Spread comes from multiplicative hashing of the row number (g * a large odd number, modulo),
-- never from random(), so every load holds the same rows.
-- size: categories 200
-- size: customers 50000
-- size: addresses 75000
-- size: products 40000
-- size: orders 200000
-- size: items 400000
-- size: reviews 100000

insert into categories (id, parent_id, name)
-- The first tenth are top-level categories; the others hang under them.
select g, case when g > ${categories} / 10 + 1 then g % (${categories} / 10 + 1) + 1 end, 'category ' || g
from (with recursive s(g) as (select 1 union all select g + 1 from s where g < ${categories}) select g from s);

insert into customers (id, email, name, city, created_at)
select g, 'customer' || g || '@example.com', 'Customer ' || g,
       case g % 10 when 0 then 'Berlin' when 1 then 'Paris' when 2 then 'Madrid' when 3 then 'Rome'
           when 4 then 'Vienna' when 5 then 'Lisbon' when 6 then 'Prague' when 7 then 'Warsaw'
           when 8 then 'Dublin' else 'Oslo' end || ' ' || ((g * 7919 / 10) % 5),
       datetime('2022-01-01', '+' || (g * 600) || ' seconds')
from (with recursive s(g) as (select 1 union all select g + 1 from s where g < ${customers}) select g from s);

insert into addresses (id, customer_id, kind, street, city, zip)
select g, (g * 104729) % ${customers} + 1, case when g % 3 = 0 then 'billing' else 'shipping' end,
       g || ' Main Street', 'City ' || (g % 97), printf('%05d', (g * 31) % 99999)
from (with recursive s(g) as (select 1 union all select g + 1 from s where g < ${addresses}) select g from s);

insert into products (id, category_id, sku, name, price_cents, created_at)
select g, (g * 7907) % ${categories} + 1, 'SKU-' || printf('%08d', g),
       case g % 6 when 0 then 'red' when 1 then 'blue' when 2 then 'green' when 3 then 'black'
           when 4 then 'white' else 'silver' end || ' '
           || case (g / 6) % 8 when 0 then 'shirt' when 1 then 'lamp' when 2 then 'chair' when 3 then 'kettle'
           when 4 then 'book' when 5 then 'phone' when 6 then 'bag' else 'clock' end
           || ' ' || printf('%08x', (g * 2654435761) % 4294967296),
       100 + (g * 48271) % 20000,
       datetime('2021-01-01', '+' || (g * 900) || ' seconds')
from (with recursive s(g) as (select 1 union all select g + 1 from s where g < ${products}) select g from s);

insert into inventory (warehouse_id, product_id, quantity)
select w, p, (p * 17 + w * 31) % 200
from (with recursive s(w) as (select 1 union all select w + 1 from s where w < 4) select w from s),
     (with recursive s(p) as (select 1 union all select p + 1 from s where p < ${products}) select p from s);

-- About 0.4% of orders are pending (the newest ones and one in 500 older ones), 10% cancelled.
insert into orders (id, customer_id, status, created_at, total_cents)
select g, (g * 2654435761) % ${customers} + 1,
       case when g > ${orders} - ${orders} / 500 or g % 500 = 0 then 'pending'
            when g % 10 = 0 then 'cancelled' when g % 10 < 4 then 'paid' else 'shipped' end,
       datetime('2023-01-01', '+' || (g * 300) || ' seconds'),
       500 + (g * 69621) % 50000
from (with recursive s(g) as (select 1 union all select g + 1 from s where g < ${orders}) select g from s);

insert into order_items (id, order_id, product_id, quantity, price_cents)
select g, (g - 1) % ${orders} + 1, (g * 16807 + g / ${orders}) % ${products} + 1, g % 4 + 1, 100 + (g * 48271) % 20000
from (with recursive s(g) as (select 1 union all select g + 1 from s where g < ${items}) select g from s);

insert into reviews (id, product_id, customer_id, rating, title, created_at)
select g, (g * 40503) % ${products} + 1, (g * 2246822519) % ${customers} + 1, g % 5 + 1,
       'review ' || g, datetime('2023-01-01', '+' || (g * 600) || ' seconds')
from (with recursive s(g) as (select 1 union all select g + 1 from s where g < ${reviews}) select g from s);

analyze;
