package dev.sequences.it.contract;

import dev.sequences.it.fixtures.Databases;
import org.jooq.SQLDialect;

/** MariaDB's server under jOOQ's MYSQL dialect: the SQL a MySQL 8 server gets. */
class MySqlDialectOnMariaDbContractTest extends SequenceContract {

  MySqlDialectOnMariaDbContractTest() {
    super(Databases.MARIADB.with(d -> d.dialect(SQLDialect.MYSQL, 2, 4)));
  }
}
