package dev.sequences.examples;

import dev.sequences.jooq.GaplessSequence;
import dev.sequences.schema.SequencesSchema;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Gapless invoice numbers on H2 in memory: a rolled-back number is issued again. */
public class InvoiceNumbers {
  static final GaplessSequence INVOICES = GaplessSequence.named("invoices");

  public static void main(String[] args) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:numbers;DB_CLOSE_DELAY=-1"); // lives until the JVM ends
    SequencesSchema.migrate(dataSource); // creates the counter table; call it at every start
    var dsl = DSL.using(dataSource, SQLDialect.H2);
    System.out.println("issued " + dsl.transactionResult(trx -> INVOICES.nextValue(trx.dsl())));
    try {
      dsl.transaction(
          trx -> {
            long number = INVOICES.nextValue(trx.dsl()); // in this transaction
            throw new IllegalStateException("rolled back: " + number + " is given back");
          });
    } catch (IllegalStateException e) {
      System.out.println(e.getMessage());
    }
    System.out.println("issued " + dsl.transactionResult(trx -> INVOICES.nextValue(trx.dsl())));
  }
}
