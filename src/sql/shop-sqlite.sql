-- The demo shop (SQLite). Read by the examples module's ShopSchema, which runs each statement
-- (separated by a semicolon at the end of a line) in order on a new, empty database file.

create table categories (
    id          integer primary key,
    name        text    not null unique
);

create table customers (
    id          integer primary key,
    email       text    not null unique,
    name        text    not null,
    city        text    not null,
    created_at  text    not null
);

create table products (
    id          integer primary key,
    category_id integer not null references categories (id),
    sku         text    not null unique,
    name        text    not null,
    price_cents integer not null check (price_cents > 0),
    stock       integer not null
);

-- The demo lists a category's products by price; without this, every listing scans the table.
create index products_by_category on products (category_id, price_cents);

create table orders (
    id          integer primary key,
    customer_id integer not null references customers (id),
    status      text    not null,
    created_at  text    not null,
    total_cents integer not null
);

create table order_items (
    order_id    integer not null references orders (id),
    line        integer not null,
    product_id  integer not null references products (id),
    quantity    integer not null check (quantity > 0),
    price_cents integer not null,
    primary key (order_id, line)
);
