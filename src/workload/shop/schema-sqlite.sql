-- The advisor workload's shop (SQLite). Run in order on an empty schema, then
-- data-sqlite.sql. Foreign keys are declared (SQLite enforces them only with
-- pragma foreign_keys=on) and, as in PostgreSQL, not indexed. Existing indexes are deliberate: some serve the workload, one is made
-- redundant by another (a prefix of it), and most foreign keys are left unindexed, as they so
-- often are. See README.md next to this file for which statement needs which index.

create table categories (
    id          integer primary key,
    parent_id   integer,
    name        text    not null
);

create table customers (
    id          integer primary key,
    email       text    not null,
    name        text    not null,
    city        text    not null,
    created_at  text    not null
);

-- Served: sign-in looks customers up by e-mail.
create unique index customers_email_key on customers (email);

create table addresses (
    id          integer primary key,
    customer_id integer not null references customers (id),
    kind        text    not null,
    street      text    not null,
    city        text    not null,
    zip         text    not null
);

create table products (
    id          integer primary key,
    category_id integer not null references categories (id),
    sku         text    not null,
    name        text    not null,
    price_cents integer not null,
    created_at  text    not null
);

-- Served: the warehouse scans products by SKU.
create unique index products_sku_key on products (sku);

-- One row per warehouse and product: the primary key leads with the warehouse, so it cannot
-- serve a lookup by product alone.
create table inventory (
    warehouse_id integer not null,
    product_id   integer not null references products (id),
    quantity     integer not null,
    primary key (warehouse_id, product_id)
);

create table orders (
    id          integer primary key,
    customer_id integer not null references customers (id),
    status      text    not null,
    created_at  text    not null,
    total_cents integer not null
);

create table order_items (
    id          integer primary key,
    order_id    integer not null references orders (id),
    product_id  integer not null references products (id),
    quantity    integer not null,
    price_cents integer not null
);

create table reviews (
    id          integer primary key,
    product_id  integer not null references products (id),
    customer_id integer not null references customers (id),
    rating      integer not null,
    title       text    not null,
    created_at  text    not null
);

-- Served: a customer's reviews. The first index is redundant: it is a prefix of the second.
create index reviews_by_customer on reviews (customer_id);
create index reviews_by_customer_rating on reviews (customer_id, rating);
