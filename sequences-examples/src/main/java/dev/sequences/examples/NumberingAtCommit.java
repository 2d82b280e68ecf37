package dev.sequences.examples;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.sequences.jooq.BeforeCommitNumbering;
import dev.sequences.jooq.GaplessSequence;
import dev.sequences.schema.SequencesSchema;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

/** Numbering at commit with jOOQ: the number is taken and written as the transaction commits. */
public class NumberingAtCommit {

  static final GaplessSequence INVOICES = GaplessSequence.named("invoices");

  static final Table<?> INVOICE = table(name("invoice"));
  static final Field<Long> ID = field(name("id"), Long.class);
  static final Field<Long> NUMBER = field(name("number"), Long.class);

  public static void main(String[] args) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:at-commit;DB_CLOSE_DELAY=-1");
    SequencesSchema.migrate(dataSource);
    DSLContext dsl =
        DSL.using(
            new DefaultConfiguration()
                .set(dataSource)
                .set(SQLDialect.H2)
                .set(BeforeCommitNumbering.listener())); // the hook at the commit
    dsl.createTableIfNotExists(INVOICE).column(ID).column(NUMBER).primaryKey(ID).execute();

    for (long id = 101; id <= 103; id++) {
      long invoice = id;
      try {
        dsl.transaction(
            cfg -> {
              cfg.dsl().insertInto(INVOICE).set(ID, invoice).execute();
              // Returns at once; the sequence is not locked yet.
              INVOICES.nextValueBeforeCommit(
                  cfg.dsl(),
                  (tx, number) ->
                      tx.update(INVOICE).set(NUMBER, number).where(ID.eq(invoice)).execute());
              // ... the rest of the transaction: lines, totals, other tables ...
              if (invoice == 102) {
                throw new IllegalStateException("invoice 102 failed: nothing was numbered");
              }
            }); // just before this commit: the number is taken and written, then committed
      } catch (IllegalStateException e) {
        System.out.println(e.getMessage());
      }
    }
    dsl.selectFrom(INVOICE)
        .orderBy(ID)
        .forEach(r -> System.out.println("invoice " + r.get(ID) + " has number " + r.get(NUMBER)));
  }
}
