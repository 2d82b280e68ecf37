package dev.sequences.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.it.fixtures.Databases;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresCliTest extends CliContractTest {

  PostgresCliTest() {
    super(Databases.POSTGRES);
  }

  /** Connection failures say what failed: an unknown role, database or host. */
  @Test
  void connectionFailuresSayWhatFailed() {
    String url = server().url();
    CliRun role = runCli(List.of("--url", url, "--user", "no_such_role", "list"), "", Map.of());
    assertEquals(5, role.code(), role.err());
    assertTrue(
        role.err().startsWith("error: authentication failed for user 'no_such_role' at " + url),
        role.err());
    assertMissingDatabaseSaysSo("database does not exist at jdbc:");
    CliRun host =
        runCli(List.of("--url", "jdbc:postgresql://no-such-host.invalid/x", "list"), "", Map.of());
    assertEquals(3, host.code(), host.err());
    assertTrue(host.err().startsWith("error: unknown host no-such-host.invalid in "), host.err());
  }
}
