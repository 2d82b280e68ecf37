package dev.sequences.it.environment;

import com.mysql.cj.jdbc.MysqlDataSource;
import dev.sequences.schema.SequencesSchema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * An application instance, for {@link ConcurrentMigrationTest}: run in a JVM of its own with
 * arguments {@code url user} and the password in {@value #PASSWORD}. It connects and loads Flyway,
 * prints {@code ready}, then for each line {@code migrate SCHEMA TABLE} on its standard input (sent
 * to every instance at the same moment) calls {@link SequencesSchema#migrate(DataSource, String,
 * String)} and prints {@code applied N}, or {@code failed} and the exception on one line. At the
 * end of its input it exits with 0 if no migration failed, else 1.
 */
public final class ConcurrentMigrationMain {

  /** The environment variable that carries the password (never on the command line). */
  static final String PASSWORD = "SEQUENCES_MIGRATION_PASSWORD";

  private ConcurrentMigrationMain() {}

  public static void main(String[] args) throws Exception {
    DataSource dataSource = dataSource(args[0], args[1], System.getenv(PASSWORD));
    // Connect and load Flyway before the first start signal, so that the migrations themselves
    // race rather than the JVMs' start-up.
    SequencesSchema.configure(dataSource, null, SequencesSchema.DEFAULT_TABLE).load();
    System.out.println("ready");
    System.out.flush();
    BufferedReader input =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    boolean failed = false;
    String line;
    while ((line = input.readLine()) != null) {
      String[] words = line.split(" ");
      try {
        System.out.println("applied " + SequencesSchema.migrate(dataSource, words[1], words[2]));
      } catch (RuntimeException e) {
        failed = true;
        System.out.println("failed " + e.toString().replace('\n', ' '));
      }
      System.out.flush();
    }
    System.exit(failed ? 1 : 0);
  }

  private static DataSource dataSource(String url, String user, String password) {
    if (url.startsWith("jdbc:postgresql:")) {
      PGSimpleDataSource postgres = new PGSimpleDataSource();
      postgres.setURL(url);
      postgres.setUser(user);
      postgres.setPassword(password);
      return postgres;
    }
    MysqlDataSource mysql = new MysqlDataSource();
    mysql.setURL(url);
    mysql.setUser(user);
    mysql.setPassword(password);
    return mysql;
  }
}
