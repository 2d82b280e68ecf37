package dev.sequences.it.environment;

import dev.sequences.jooq.GaplessSequence;
import dev.sequences.schema.SequencesSchema;
import java.sql.Connection;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Run by {@link WithoutSpringTest} in a JVM whose class path has no Spring: the library decides
 * where a value may be issued without it. Prints the two values and the refusal's class.
 */
public final class WithoutSpringMain {

  private WithoutSpringMain() {}

  public static void main(String[] args) throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:without_spring;DB_CLOSE_DELAY=-1");
    SequencesSchema.migrate(h2);
    DSLContext dsl = DSL.using(h2, SQLDialect.H2);
    GaplessSequence seq = GaplessSequence.named("without-spring");
    long first = dsl.transactionResult(cfg -> seq.nextValue(cfg.dsl()));
    long second = dsl.transactionResult(cfg -> seq.nextValue(cfg.dsl()));
    String refused = "nothing";
    try (Connection connection = h2.getConnection()) {
      connection.setAutoCommit(false);
      // A provider the library does not recognise, out of auto-commit.
      DSLContext unknown =
          DSL.using(
              new org.jooq.ConnectionProvider() {
                @Override
                public Connection acquire() {
                  return connection;
                }

                @Override
                public void release(Connection released) {}
              },
              SQLDialect.H2);
      seq.nextValue(unknown);
    } catch (IllegalStateException e) {
      refused = e.getClass().getSimpleName();
    }
    System.out.println(first + " " + second + " " + refused);
  }
}
