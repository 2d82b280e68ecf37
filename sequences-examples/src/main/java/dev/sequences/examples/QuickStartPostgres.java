package dev.sequences.examples;

import org.jooq.SQLDialect;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The quick start on PostgreSQL: {@code QuickStartPostgres URL USER} with the password in
 * $PGPASSWORD.
 */
public class QuickStartPostgres {

  public static void main(String[] args) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(args[0]);
    dataSource.setUser(args[1]);
    dataSource.setPassword(System.getenv("PGPASSWORD"));
    QuickStart.run(dataSource, SQLDialect.POSTGRES);
  }
}
