-- The test application's own Flyway migration, beside the counter table's.
create table boot_invoice (number bigint not null primary key, total integer not null);
