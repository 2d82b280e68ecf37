package dev.sequences.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.it.fixtures.Databases;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MariaDbCliTest extends CliContractTest {

  MariaDbCliTest() {
    super(Databases.MARIADB);
  }

  /**
   * A wrong password and a missing database say so; a jdbc:mariadb: URL is answered with the fix.
   */
  @Test
  void connectionFailuresSayWhatFailed() {
    String url = server().url();
    CliRun password =
        runCli(
            List.of("--url", url, "--user", server().user(), "list"),
            "",
            Map.of("SEQUENCES_PASSWORD", "not-the-password"));
    assertEquals(5, password.code(), password.err());
    assertTrue(
        password
            .err()
            .startsWith(
                "error: authentication failed for user '" + server().user() + "' at " + url),
        password.err());
    assertTrue(!password.err().contains("not-the-password"), password.err());
    // The user's name is hidden here: the test's user has its name as its password.
    assertMissingDatabaseSaysSo("database does not exist, or user '");
    CliRun mariadbUrl =
        runCli(
            List.of("--url", url.replaceFirst("^jdbc:mysql:", "jdbc:mariadb:"), "list"),
            "",
            Map.of());
    assertEquals(2, mariadbUrl.code(), mariadbUrl.err());
    assertEquals(
        "error: the CLI reaches MariaDB through MySQL Connector/J: write "
            + url
            + " instead of "
            + url.replaceFirst("^jdbc:mysql:", "jdbc:mariadb:")
            + "\n",
        mariadbUrl.err());
  }
}
