package dev.sequences.it;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * The whole contract, with the library running as a user that may only SELECT, INSERT, UPDATE and
 * DELETE on the tables; a separate user migrates.
 */
class PostgresLeastPrivilegeContractTest extends PostgresContractTest {

  @Override
  DataSource applicationDataSource() {
    return database().applicationDataSource();
  }

  @Override
  void grantApplicationRights(DSLContext admin, List<String> tables) {
    for (String table : tables) {
      admin.execute(
          "grant select, insert, update, delete on "
              + table
              + " to "
              + database().applicationUser());
    }
  }

  @Test
  void theApplicationUserCannotCreateTables() {
    DSLContext application = DSL.using(applicationDataSource(), dialect());
    assertThrows(
        DataAccessException.class,
        () -> application.execute("create table sequences_it_forbidden (i int)"));
  }
}
