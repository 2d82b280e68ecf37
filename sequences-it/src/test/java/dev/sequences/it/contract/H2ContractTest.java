package dev.sequences.it.contract;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.it.fixtures.Databases;
import dev.sequences.jooq.GaplessSequence;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

class H2ContractTest extends SequenceContract {

  H2ContractTest() {
    super(Databases.H2);
  }

  /**
   * H2 says "this database is empty" (42104) rather than "table not found" in an empty database.
   */
  @Test
  void emptyDatabaseTellsToMigrate() {
    JdbcDataSource empty = new JdbcDataSource();
    empty.setURL("jdbc:h2:mem:sequences_it_empty;DB_CLOSE_DELAY=-1");
    DataAccessException e =
        assertThrows(
            DataAccessException.class,
            () ->
                DSL.using(empty, SQLDialect.H2)
                    .transactionResult(cfg -> GaplessSequence.named("x").nextValue(cfg.dsl())));
    assertTrue(
        e.getMessage()
            .startsWith(
                "table \"sequences_sequence\", needed by sequence 'x', is missing: create it with"
                    + " SequencesSchema.migrate(dataSource)"),
        e.getMessage());
  }
}
