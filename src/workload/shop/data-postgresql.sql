-- Deterministic data for schema-postgresql.sql. The loader (WorkloadScript) multiplies each size
-- below by the scale factor and replaces ${name} with the result; ids run from 1 to the size.
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
from generate_series(1, ${categories}) g;

insert into customers (id, email, name, city, created_at)
select g, 'customer' || g || '@example.com', 'Customer ' || g,
       case g % 10 when 0 then 'Berlin' when 1 then 'Paris' when 2 then 'Madrid' when 3 then 'Rome'
           when 4 then 'Vienna' when 5 then 'Lisbon' when 6 then 'Prague' when 7 then 'Warsaw'
           when 8 then 'Dublin' else 'Oslo' end || ' ' || ((g::bigint * 7919 / 10) % 5),
       timestamp '2022-01-01' + (g::bigint * 600) * interval '1 second'
from generate_series(1, ${customers}) g;

insert into addresses (id, customer_id, kind, street, city, zip)
select g, (g::bigint * 104729) % ${customers} + 1, case when g % 3 = 0 then 'billing' else 'shipping' end,
       g || ' Main Street', 'City ' || (g % 97), lpad(((g::bigint * 31) % 99999)::text, 5, '0')
from generate_series(1, ${addresses}) g;

insert into products (id, category_id, sku, name, price_cents, created_at)
select g, (g::bigint * 7907) % ${categories} + 1, 'SKU-' || lpad(g::text, 8, '0'),
       case g % 6 when 0 then 'red' when 1 then 'blue' when 2 then 'green' when 3 then 'black'
           when 4 then 'white' else 'silver' end || ' '
           || case (g / 6) % 8 when 0 then 'shirt' when 1 then 'lamp' when 2 then 'chair' when 3 then 'kettle'
           when 4 then 'book' when 5 then 'phone' when 6 then 'bag' else 'clock' end
           || ' ' || lpad(to_hex((g::bigint * 2654435761) % 4294967296), 8, '0'),
       100 + (g::bigint * 48271) % 20000,
       timestamp '2021-01-01' + (g::bigint * 900) * interval '1 second'
from generate_series(1, ${products}) g;

insert into inventory (warehouse_id, product_id, quantity)
select w, p, (p::bigint * 17 + w * 31) % 200
from generate_series(1, 4) w, generate_series(1, ${products}) p;

-- About 0.4% of orders are pending (the newest ones and one in 500 older ones), 10% cancelled.
insert into orders (id, customer_id, status, created_at, total_cents)
select g, (g::bigint * 2654435761) % ${customers} + 1,
       case when g > ${orders} - ${orders} / 500 or g % 500 = 0 then 'pending'
            when g % 10 = 0 then 'cancelled' when g % 10 < 4 then 'paid' else 'shipped' end,
       timestamp '2023-01-01' + (g::bigint * 300) * interval '1 second',
       500 + (g::bigint * 69621) % 50000
from generate_series(1, ${orders}) g;

insert into order_items (id, order_id, product_id, quantity, price_cents)
select g, (g - 1) % ${orders} + 1, (g::bigint * 16807 + g / ${orders}) % ${products} + 1, g % 4 + 1, 100 + (g::bigint * 48271) % 20000
from generate_series(1, ${items}) g;

insert into reviews (id, product_id, customer_id, rating, title, created_at)
select g, (g::bigint * 40503) % ${products} + 1, (g::bigint * 2246822519) % ${customers} + 1, g % 5 + 1,
       'review ' || g, timestamp '2023-01-01' + (g::bigint * 600) * interval '1 second'
from generate_series(1, ${reviews}) g;

-- Foreign keys after the load (one validation per table instead of a lookup per row).
alter table addresses add foreign key (customer_id) references customers (id);
alter table products add foreign key (category_id) references categories (id);
alter table inventory add foreign key (product_id) references products (id);
alter table orders add foreign key (customer_id) references customers (id);
alter table order_items add foreign key (order_id) references orders (id);
alter table order_items add foreign key (product_id) references products (id);
alter table reviews add foreign key (product_id) references products (id);
alter table reviews add foreign key (customer_id) references customers (id);

-- Explicit ids leave the identity sequences at 1: move them past the loaded rows.
select setval(pg_get_serial_sequence('customers', 'id'), ${customers});
select setval(pg_get_serial_sequence('addresses', 'id'), ${addresses});
select setval(pg_get_serial_sequence('products', 'id'), ${products});
select setval(pg_get_serial_sequence('orders', 'id'), ${orders});
select setval(pg_get_serial_sequence('order_items', 'id'), ${items});
select setval(pg_get_serial_sequence('reviews', 'id'), ${reviews});

analyze categories, customers, addresses, products, inventory, orders, order_items, reviews;
