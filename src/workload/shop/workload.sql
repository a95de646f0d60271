-- The advisor's shop workload: the statements an e-commerce application runs, one block per
-- statement shape. Format (read by org.jdbcoptimizer.advisor.Workload; see README.md):
--
--   -- shape: <name>                       starts a block; a unique name
--   -- expect: missing|served|unindexable|write  <why>   what an index advisor should make of it
--   -- expect.sqlite: / expect.postgresql:   where one database differs
--   -- runs: <n>                           executions per replay (scaled by the replay's factor)
--   -- params: <select>                    run once before the replay; execution i binds row
--                                          i mod rows, its columns in order, to the ? markers
--   -- params.sqlite: / params.postgresql: the same, for one database only (overrides params:)
--   -- reference: <create index ...>       the hand-written index that serves a missing shape
--   <the statement, ending with ; at the end of a line>
--
-- Parameter queries pick ids by residue (id % 101 = 1, ...) so they find rows at any scale.

-- ---------------------------------------------------------------------------------------------
-- Missing an index: each reads a whole table of 40,000 to 400,000 rows for a handful of rows.

-- shape: orders_of_customer
-- expect: missing  a customer's latest orders; orders.customer_id is an unindexed foreign key
-- runs: 150
-- params: select id from customers where id % 101 = 1
-- reference: create index orders_customer_created on orders (customer_id, created_at)
select id, status, created_at, total_cents from orders where customer_id = ? order by created_at desc limit 20;

-- shape: items_of_order
-- expect: missing  an order's lines; order_items.order_id is an unindexed foreign key
-- runs: 150
-- params: select id from orders where id % 997 = 1
-- reference: create index order_items_order on order_items (order_id)
select product_id, quantity, price_cents from order_items where order_id = ?;

-- shape: sales_of_product
-- expect: missing  units sold of a product; order_items.product_id is an unindexed foreign key
-- runs: 80
-- params: select id from products where id % 211 = 1
-- reference: create index order_items_product on order_items (product_id)
select count(*), sum(quantity) from order_items where product_id = ?;

-- shape: latest_reviews
-- expect: missing  a product page's ten newest reviews: equality on product_id, then the order
-- runs: 150
-- params: select id from products where id % 103 = 1
-- reference: create index reviews_product_created on reviews (product_id, created_at)
select id, customer_id, rating, title, created_at from reviews where product_id = ? order by created_at desc limit 10;

-- shape: recent_pending_orders
-- expect: missing  the pending orders of the last days; 'pending' is 0.4% of orders, so a partial index fits
-- runs: 60
-- params: select created_at from orders where id % 100 = 1 and id > (select max(id) from orders) * 95 / 100
-- reference: create index orders_pending_created on orders (created_at) where status = 'pending'
select id, customer_id, total_cents, created_at from orders where status = 'pending' and created_at > ? order by created_at limit 100;

-- shape: category_price_range
-- expect: missing  a category page filtered by a price range and sorted by price
-- runs: 100
-- params: select id, 1000, 5000 from categories where id % 3 = 1
-- reference: create index products_category_price on products (category_id, price_cents)
select id, name, price_cents from products where category_id = ? and price_cents between ? and ? order by price_cents limit 50;

-- shape: addresses_of_customer
-- expect: missing  a join whose inner side, addresses, has no index on its key customer_id
-- runs: 150
-- params: select email from customers where id % 89 = 1
-- reference: create index addresses_customer on addresses (customer_id)
select c.id, c.name, a.kind, a.street, a.city, a.zip from customers c join addresses a on a.customer_id = c.id where c.email = ?;

-- shape: stock_of_product
-- expect: missing  a product's stock in every warehouse; the primary key leads with warehouse_id
-- expect.sqlite: served  SQLite skip-scans the primary key: four warehouses, four seeks (ANALYZE tells it so)
-- runs: 150
-- params: select id from products where id % 107 = 1
-- reference: create index inventory_product on inventory (product_id)
select warehouse_id, quantity from inventory where product_id = ?;

-- ---------------------------------------------------------------------------------------------
-- Already served by a primary key or an existing index.

-- shape: product_by_id
-- expect: served  primary key
-- runs: 400
-- params: select id from products where id % 37 = 1
select id, category_id, sku, name, price_cents from products where id = ?;

-- shape: customer_by_email
-- expect: served  unique index customers_email_key
-- runs: 200
-- params: select email from customers where id % 41 = 1
select id, name, city from customers where email = ?;

-- shape: order_by_id
-- expect: served  primary key
-- runs: 300
-- params: select id from orders where id % 43 = 1
select id, customer_id, status, created_at, total_cents from orders where id = ?;

-- shape: product_by_sku
-- expect: served  unique index products_sku_key
-- runs: 100
-- params: select sku from products where id % 47 = 1
select id, name, price_cents from products where sku = ?;

-- shape: reviews_of_customer
-- expect: served  reviews_by_customer_rating (reviews_by_customer, a prefix of it, is redundant)
-- runs: 100
-- params: select id from customers where id % 53 = 1
select id, product_id, rating from reviews where customer_id = ?;

-- shape: subcategories
-- expect: served  categories is a 200-row table: a scan of it costs less than an index lookup would save
-- runs: 50
-- params: select id from categories where parent_id is null
select id, name from categories where parent_id = ?;

-- ---------------------------------------------------------------------------------------------
-- No plain B-tree column index serves these.

-- shape: search_products
-- expect: unindexable  LIKE with a leading wildcard
-- runs: 30
-- params: select '%' || substr(name, 1, 8) || '%' from products where id % 401 = 1
select id, name, price_cents from products where name like ? limit 20;

-- shape: customers_in_city
-- expect: unindexable  a function applied to the column (only an expression index could serve it)
-- runs: 10
-- params: select distinct lower(city) from customers where id <= 20
select count(*) from customers where lower(city) = ?;

-- shape: orders_by_status
-- expect: unindexable  status has four values and 'shipped' is 60% of orders: a single-column index on it is useless
-- runs: 5
-- params: select 'shipped'
select count(*) from orders where status = ?;

-- ---------------------------------------------------------------------------------------------
-- Writes: each index they must maintain costs them a little (write damping).

-- shape: place_order
-- expect: write  a new order, pending
-- runs: 60
-- params: select id, 4200 from customers where id % 97 = 1
insert into orders (customer_id, status, created_at, total_cents) values (?, 'pending', current_timestamp, ?);

-- shape: add_review
-- expect: write  a new review
-- runs: 30
-- params: select p.id, c.id from products p join customers c on c.id = p.id where p.id % 59 = 1
insert into reviews (product_id, customer_id, rating, title, created_at) values (?, ?, 5, 'great', current_timestamp);

-- shape: take_stock
-- expect: write  one item leaves a warehouse (primary key lookup)
-- runs: 60
-- params: select warehouse_id, product_id from inventory where product_id % 61 = 1
update inventory set quantity = quantity - 1 where warehouse_id = ? and product_id = ?;
