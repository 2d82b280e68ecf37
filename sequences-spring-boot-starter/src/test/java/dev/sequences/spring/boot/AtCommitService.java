package dev.sequences.spring.boot;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.sequences.jooq.BeforeCommitNumbering;
import dev.sequences.jooq.GaplessSequence;
import java.util.Map;
import java.util.OptionalLong;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.transaction.annotation.Transactional;

/**
 * Numbers documents at commit with Boot's {@code DSLContext}, whose {@code dsl.transaction(...)}
 * inside {@code @Transactional} is a savepoint (Boot's {@code SpringTransactionProvider}).
 */
public class AtCommitService {

  static final GaplessSequence DOCUMENTS = GaplessSequence.named("boot-documents");

  private static final Table<?> DOCUMENT = table(name("boot_document"));
  private static final Field<Long> ID = field(name("id"), Long.class);
  private static final Field<Long> NUMBER = field(name("number"), Long.class);

  private final DSLContext dsl;

  public AtCommitService(DSLContext dsl) {
    this.dsl = dsl;
  }

  /**
   * Saves document 1 in the transaction, 2 in a savepoint that is released and 3 in one that rolls
   * back, each numbered at the commit; on Boot's context as it is, or with the jOOQ listener added.
   */
  @Transactional
  public void saveInSavepoints(boolean withListener) {
    DSLContext ctx =
        withListener
            ? DSL.using(dsl.configuration().derive(BeforeCommitNumbering.listener()))
            : dsl;
    save(ctx, 1);
    ctx.transaction(kept -> save(kept.dsl(), 2));
    try {
      ctx.transaction(
          dropped -> {
            save(dropped.dsl(), 3);
            throw new IllegalStateException("document 3 could not be saved");
          });
    } catch (IllegalStateException expected) {
      // its savepoint rolled back; the transaction goes on
    }
  }

  private static void save(DSLContext ctx, long id) {
    ctx.insertInto(DOCUMENT).columns(ID).values(id).execute();
    DOCUMENTS.nextValueBeforeCommit(
        ctx, (tx, number) -> tx.update(DOCUMENT).set(NUMBER, number).where(ID.eq(id)).execute());
  }

  /** The saved documents and their numbers. */
  public Map<Long, Long> numbers() {
    return dsl.select(ID, NUMBER).from(DOCUMENT).fetchMap(ID, NUMBER);
  }

  public OptionalLong lastNumber() {
    return DOCUMENTS.lastValue(dsl);
  }

  /** Forgets the sequence and the documents, between tests. */
  @Transactional
  public void forget() {
    dsl.createTableIfNotExists(DOCUMENT).column(ID).column(NUMBER).primaryKey(ID).execute();
    DOCUMENTS.delete(dsl);
    dsl.deleteFrom(DOCUMENT).execute();
  }
}
