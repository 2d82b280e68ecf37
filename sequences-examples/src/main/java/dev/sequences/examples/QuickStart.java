package dev.sequences.examples;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.sequences.jooq.GaplessSequence;
import dev.sequences.schema.SequencesSchema;
import java.math.BigDecimal;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** Invoice numbers without gaps, saved with their invoices: the getting-started guide. */
public class QuickStart {

  static final GaplessSequence INVOICES = GaplessSequence.named("invoices");

  // Your own table; with jOOQ's code generation these would be generated classes.
  static final Table<?> INVOICE = table(name("invoice"));
  static final Field<Long> NUMBER = field(name("number"), Long.class);
  static final Field<BigDecimal> TOTAL = field(name("total"), BigDecimal.class);

  public static void main(String[] args) {
    JdbcDataSource dataSource = new JdbcDataSource();
    // DB_CLOSE_DELAY=-1: an in-memory H2 database lives until the JVM ends, not until its last
    // connection closes (after migrate, the table would be gone).
    dataSource.setURL("jdbc:h2:mem:quickstart;DB_CLOSE_DELAY=-1");
    run(dataSource, SQLDialect.H2);
  }

  static void run(DataSource dataSource, SQLDialect dialect) {
    SequencesSchema.migrate(dataSource); // once at start-up; idempotent
    DSLContext dsl = DSL.using(dataSource, dialect);
    dsl.createTableIfNotExists(INVOICE).column(NUMBER).column(TOTAL).execute();

    System.out.println("invoice " + issue(dsl, new BigDecimal("120.00")));
    try {
      issue(dsl, new BigDecimal("-1.00"));
    } catch (IllegalArgumentException refused) {
      System.out.println("rolled back: " + refused.getMessage());
    }
    System.out.println("invoice " + issue(dsl, new BigDecimal("75.50")));
    System.out.println("last value: " + INVOICES.lastValue(dsl).getAsLong());
  }

  /** Saves one invoice under the next number, in one transaction. */
  static long issue(DSLContext dsl, BigDecimal total) {
    return dsl.transactionResult(
        cfg -> {
          long number = INVOICES.nextValue(cfg.dsl()); // joins this transaction
          if (total.signum() < 0) {
            throw new IllegalArgumentException(
                "a negative total; number " + number + " is given back");
          }
          cfg.dsl().insertInto(INVOICE).set(NUMBER, number).set(TOTAL, total).execute();
          return number;
        });
  }
}
