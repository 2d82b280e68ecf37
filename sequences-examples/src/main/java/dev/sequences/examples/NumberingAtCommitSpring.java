package dev.sequences.examples;

import dev.sequences.jooq.GaplessSequence;
import dev.sequences.schema.SequencesSchema;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

/** Numbering at commit in Spring-managed transactions: no listener needed. */
public class NumberingAtCommitSpring {

  static final GaplessSequence ORDERS = GaplessSequence.named("orders");

  public static void main(String[] args) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:at-commit-spring;DB_CLOSE_DELAY=-1");
    SequencesSchema.migrate(dataSource);
    // As Spring Boot's jOOQ starter builds it: statements join the current Spring transaction.
    DSLContext dsl = DSL.using(new TransactionAwareDataSourceProxy(dataSource), SQLDialect.H2);
    dsl.execute("create table purchase_order (id bigint primary key, number bigint)");
    TransactionTemplate transactions =
        new TransactionTemplate(new DataSourceTransactionManager(dataSource));

    // In a @Transactional method this is the method's body.
    transactions.executeWithoutResult(
        status -> {
          dsl.execute("insert into purchase_order (id) values (1)");
          ORDERS.nextValueBeforeCommit(
              dsl,
              (tx, number) ->
                  tx.execute("update purchase_order set number = ? where id = 1", number));
        }); // a transaction synchronization numbers the order just before the commit
    System.out.println(
        "order 1 has number " + dsl.fetchValue("select number from purchase_order where id = 1"));
  }
}
