package dev.sequences.it.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import dev.sequences.it.fixtures.DatabaseDescription;
import dev.sequences.it.fixtures.Databases;
import dev.sequences.jooq.BeforeCommitNumbering;
import dev.sequences.jooq.GaplessSequence;
import java.util.Map;
import java.util.OptionalLong;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * What the numbering-at-commit contracts share: a table of documents numbered at their commit, the
 * application's context with the jOOQ hook, and a pool whose context joins Spring transactions. On
 * each database's base description only.
 */
@Tag("at-commit")
abstract class AtCommitFixture extends ContractFixture {

  static final Table<?> DOCUMENT = DSL.table(DSL.name("sequences_it_document"));
  static final Field<Long> ID = DSL.field(DSL.name("id"), Long.class);
  static final Field<Long> NUMBER = DSL.field(DSL.name("number"), Long.class);

  /** The application's context with the hook at the commit. */
  DSLContext hooked;

  /** A pool out of auto-commit, new for each test. */
  HikariDataSource pool;

  /** A context on {@link #pool} that joins the current Spring transaction. */
  DSLContext spring;

  /** Spring's transaction manager of {@link #pool}. */
  DataSourceTransactionManager manager;

  AtCommitFixture(DatabaseDescription db) {
    super(db);
  }

  @BeforeAll
  void createDocuments() {
    Assumptions.assumeTrue(Databases.PRIMARY.contains(db), "a new feature: base descriptions only");
    admin.createTableIfNotExists(DOCUMENT).column(ID).column(NUMBER).primaryKey(ID).execute();
    hooked = DSL.using(dsl.configuration().derive(BeforeCommitNumbering.listener()));
  }

  @BeforeEach
  void emptyDocuments() {
    admin.deleteFrom(DOCUMENT).execute();
    pool = poolOutOfAutoCommit();
    spring = DSL.using(new TransactionAwareDataSourceProxy(pool), db.dialect(), settings());
    manager = new DataSourceTransactionManager(pool);
  }

  @AfterEach
  void closePool() {
    pool.close();
  }

  /** Saves document {@code id} in {@code ctx}'s transaction and numbers it at the commit. */
  static void save(DSLContext ctx, GaplessSequence seq, long id) {
    ctx.insertInto(DOCUMENT).columns(ID).values(id).execute();
    seq.nextValueBeforeCommit(ctx, (tx, n) -> number(tx, id, n));
  }

  /** Writes {@code number} into document {@code id}, which must exist. */
  static void number(DSLContext tx, long id, long number) {
    assertEquals(1, tx.update(DOCUMENT).set(NUMBER, number).where(ID.eq(id)).execute());
  }

  /** The committed documents and their numbers. */
  Map<Long, Long> numbers() {
    return admin.select(ID, NUMBER).from(DOCUMENT).fetchMap(ID, NUMBER);
  }

  /**
   * In one transaction of {@code ctx}: document 1, document 2 in a nested transaction that commits
   * and document 3 in one that rolls back, each numbered at the commit; then checks that 1 and 2
   * have the numbers 1 and 2 and that 3 was never numbered.
   */
  void numberInANestedCommitAndANestedRollback(DSLContext ctx, GaplessSequence seq) {
    ctx.transaction(
        outer -> {
          save(outer.dsl(), seq, 1);
          outer.dsl().transaction(kept -> save(kept.dsl(), seq, 2));
          assertThrows(
              IllegalStateException.class,
              () ->
                  outer
                      .dsl()
                      .transaction(
                          dropped -> {
                            save(dropped.dsl(), seq, 3);
                            throw new IllegalStateException("the line could not be saved");
                          }));
        });
    assertEquals(Map.of(1L, 1L, 2L, 2L), numbers());
    assertEquals(OptionalLong.of(2), seq.lastValue(admin));
  }
}
