package dev.sequences.examples;

import dev.sequences.jooq.GaplessSequence;
import dev.sequences.schema.SequencesSchema;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ThreadLocalTransactionProvider;

/** {@link ModulePathTest}'s child JVM: the library on the module path. */
final class ModulePathMain {

  private ModulePathMain() {}

  public static void main(String[] args) {
    System.out.println(
        "modules: "
            + GaplessSequence.class.getModule().getName()
            + " "
            + SequencesSchema.class.getModule().getName()
            + " "
            + DSLContext.class.getModule().getName());
    QuickStart.main(args);

    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:thread-local;DB_CLOSE_DELAY=-1");
    SequencesSchema.migrate(dataSource);
    DSLContext dsl =
        DSL.using(
            new DefaultConfiguration()
                .set(SQLDialect.H2)
                .set(
                    new ThreadLocalTransactionProvider(
                        new DataSourceConnectionProvider(dataSource))));
    GaplessSequence orders = GaplessSequence.named("orders");
    List<Long> values = new ArrayList<>();
    try {
      dsl.transaction(
          () -> {
            values.add(orders.nextValue(dsl));
            throw new IllegalStateException("rolled back");
          });
    } catch (IllegalStateException expected) {
      // The value is given back with the transaction.
    }
    dsl.transaction(() -> values.add(orders.nextValue(dsl)));
    dsl.transaction(() -> values.add(orders.nextValue(dsl)));
    System.out.println(
        "thread-local: "
            + values.get(0)
            + " rolled back, then "
            + values.get(1)
            + " "
            + values.get(2));
  }
}
