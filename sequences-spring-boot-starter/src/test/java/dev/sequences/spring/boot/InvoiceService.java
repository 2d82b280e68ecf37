package dev.sequences.spring.boot;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

import dev.sequences.jooq.GaplessSequence;
import java.util.List;
import java.util.OptionalLong;
import org.jooq.DSLContext;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues invoice numbers with Boot's {@code DSLContext}, in Spring-managed transactions. The
 * invoice table is named in plain SQL, which jOOQ's render mapping leaves alone (see {@link
 * SequencesRenderMapping}).
 */
public class InvoiceService {

  static final GaplessSequence INVOICES = GaplessSequence.named("boot-invoices");

  private final DSLContext dsl;

  public InvoiceService(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** Takes the next number and saves the invoice under it. */
  @Transactional
  public long issue(int total) {
    long number = INVOICES.nextValue(dsl);
    dsl.insertInto(table("boot_invoice"), field("number"), field("total"))
        .values(number, total)
        .execute();
    return number;
  }

  /** Takes a number, saves the invoice, then fails: the transaction rolls back. */
  @Transactional
  public long issueThenFail(int total) {
    issue(total);
    throw new IllegalStateException("the invoice could not be sent");
  }

  /** Takes a number outside any transaction: refused by the library. */
  public long issueWithoutTransaction() {
    return INVOICES.nextValue(dsl);
  }

  public OptionalLong lastNumber() {
    return INVOICES.lastValue(dsl);
  }

  /** The numbers of the saved invoices, in order. */
  public List<Long> savedNumbers() {
    return dsl.select(field("number", Long.class))
        .from(table("boot_invoice"))
        .orderBy(field("number"))
        .fetch(0, Long.class);
  }

  /** Forgets the sequence and the invoices, between tests. */
  @Transactional
  public void forget() {
    INVOICES.delete(dsl);
    dsl.deleteFrom(table("boot_invoice")).execute();
  }
}
