package dev.sequences.jooq;

import java.util.Objects;
import org.jooq.Configuration;

/**
 * The one way to tell {@link GaplessSequence} that a jOOQ configuration's connections belong to a
 * container-managed (JTA) transaction, as in Jakarta EE or Quarkus: each connection the
 * configuration's {@code DataSource} hands out inside a JTA transaction is enlisted in it, and
 * closing it does not end the transaction.
 *
 * <p>The library cannot see a JTA transaction through JDBC, so on such a configuration it trusts
 * this declaration: it issues values on any connection of the configuration that is not in
 * auto-commit mode. Outside a JTA transaction, container data sources hand out connections in
 * auto-commit mode, and those are still refused unless the sequence {@linkplain
 * GaplessSequence#allowingAutoCommit() allows auto-commit}. Declare it only for configurations
 * whose data source is managed by the container's transaction manager.
 */
public final class ContainerManagedTransactions {

  /** The key of the declaration in {@link Configuration#data()}. */
  private static final String KEY = "dev.sequences.jooq.container-managed-transactions";

  private ContainerManagedTransactions() {}

  /**
   * Declares that the connections of {@code configuration}, and of every configuration derived from
   * it afterwards, belong to a container-managed transaction when they are not in auto-commit mode.
   *
   * @param configuration the configuration whose data source the container's transaction manager
   *     manages
   * @return {@code configuration}, changed in place
   */
  public static Configuration declare(Configuration configuration) {
    Objects.requireNonNull(configuration, "configuration").data(KEY, true);
    return configuration;
  }

  /**
   * {@return true if {@link #declare} was called on {@code configuration} or on the one it derives
   * from}
   *
   * @param configuration the configuration to look at
   */
  public static boolean isDeclared(Configuration configuration) {
    return Boolean.TRUE.equals(configuration.data(KEY));
  }
}
