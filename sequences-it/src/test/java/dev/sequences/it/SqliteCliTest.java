package dev.sequences.it;

import org.jooq.SQLDialect;

class SqliteCliTest extends CliContractTest {

  @Override
  TestDatabase database() {
    return TestDatabase.SQLITE_CLI;
  }

  @Override
  SQLDialect dialect() {
    return SQLDialect.SQLITE;
  }

  @Override
  String insertOneTo(long n) {
    return "with recursive r(x) as (select 1 union all select x + 1 from r where x < "
        + n
        + ") insert into sequences_it_audit select x from r";
  }
}
