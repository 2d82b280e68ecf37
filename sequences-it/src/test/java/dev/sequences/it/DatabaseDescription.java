package dev.sequences.it;

import dev.sequences.schema.SequencesSchema;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;

/**
 * What the contract suite needs to know of one database, as data: where it runs, the jOOQ dialect
 * the application uses with it, what it can do, and the application's setup (the variant). The
 * bases are in {@link Databases}; a variant is a base {@link #with} a change.
 *
 * @param label what the test reports call it
 * @param server where the database runs
 * @param dialect the jOOQ dialect the application uses
 * @param statements the statements one call sends with {@code LockWait.WAIT} (first use or later)
 * @param boundedStatements the statements one call sends with a bounded wait
 * @param boundsLockWaits whether {@code NOWAIT} and {@code LockWait.timeout} are offered; where not
 *     (HSQLDB), they are refused before any SQL
 * @param longestLockWait the longest lock wait the database can bound
 * @param lockWaitUnit the unit in which the database counts a lock wait
 * @param lockTimeoutQuery a query for the session's current lock-wait limit; null where there is
 *     none
 * @param concurrentWriters whether two transactions can write at once: SQLite and HSQLDB write one
 *     at a time, so distinct sequences wait on each other there and no deadlock can form
 * @param isolations the isolation levels the database offers
 * @param runAgainAfterConcurrentCommit where T2 fails with 40001 after T1 committed a later use
 * @param runAgainAfterConcurrentFirstUse where T2 fails with 40001 after T1 committed a first use
 * @param failedStatementAbortsTransaction whether any failed statement aborts the transaction
 *     (PostgreSQL)
 * @param failuresUnderStress SQL states (or classes) the stress harness may see without faults
 * @param sessions how to see and end a server session; null for an embedded database
 * @param migrations how many migrations the database's folder holds
 * @param djangoSequencesTable the table as django-sequences creates it (made by hand, with quoted
 *     lower-case names, where Django does not run)
 * @param grants statements that give the application's user its rights on table {@code {table}} to
 *     user {@code {user}}
 * @param leastPrivilege whether the application runs as a user that may only read and write tables
 * @param counterSchema the counter table's schema; null for the connection's current schema
 * @param counterTable the counter table's name
 * @param applicationSettings the application's own jOOQ settings, before the render mapping of the
 *     counter table
 * @param numbers a query of the numbers 1 to {@code {n}} in one column, in the database's own
 *     terms; null where no test needs it
 * @param base whether this is a database's base description (one per database, in {@link
 *     Databases}), not a variant: features that need not run once per variant (the number series)
 *     run on bases only. Never inherited: a description made {@link #with} a change from a base is
 *     a variant until it says {@link Builder#base()} itself
 */
record DatabaseDescription(
    String label,
    TestDatabase server,
    SQLDialect dialect,
    int statements,
    int boundedStatements,
    boolean boundsLockWaits,
    Duration longestLockWait,
    Duration lockWaitUnit,
    String lockTimeoutQuery,
    boolean concurrentWriters,
    Set<Isolation> isolations,
    Set<Isolation> runAgainAfterConcurrentCommit,
    Set<Isolation> runAgainAfterConcurrentFirstUse,
    boolean failedStatementAbortsTransaction,
    Set<String> failuresUnderStress,
    ServerSessions sessions,
    int migrations,
    String djangoSequencesTable,
    List<String> grants,
    boolean leastPrivilege,
    String counterSchema,
    String counterTable,
    Settings applicationSettings,
    String numbers,
    boolean base) {

  /**
   * How to see and end a server session: the session id of the current connection, the number of
   * sessions with a given id, the statement that ends one, and the ids of this user's other
   * sessions on this database.
   */
  record ServerSessions(String currentId, String countById, String kill, String others) {}

  /** The django-sequences table made by hand, where Django does not run (H2, HSQLDB). */
  static final String HAND_MADE_TABLE =
      "create table \"sequences_sequence\" (\"name\" varchar(100) not null primary key,"
          + " \"last\" bigint not null)";

  DatabaseDescription {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(dialect, "dialect");
  }

  /** A description with the defaults, to be completed with {@link #with}. */
  static DatabaseDescription of(String label, TestDatabase server, SQLDialect dialect) {
    return new Builder(label, server, dialect).build();
  }

  /** This description with the changes {@code change} makes. */
  DatabaseDescription with(UnaryOperator<Builder> change) {
    return change.apply(new Builder(this)).build();
  }

  /** A copy of the application's settings: jOOQ's {@code Settings} are mutable. */
  @Override
  public Settings applicationSettings() {
    return (Settings) applicationSettings.clone();
  }

  /** A query of the numbers 1 to {@code n}. */
  String numbers(long n) {
    if (numbers == null) {
      throw new UnsupportedOperationException(label + " has no query of numbers described");
    }
    return numbers.replace("{n}", Long.toString(n));
  }

  @Override
  public String toString() {
    return label;
  }

  /** The components of a description, set one group at a time. */
  static final class Builder {
    private String label;
    private TestDatabase server;
    private SQLDialect dialect;
    private int statements = 1;
    private int boundedStatements = 1;
    private boolean boundsLockWaits = true;
    private Duration longestLockWait = Duration.ofMillis(Integer.MAX_VALUE);
    private Duration lockWaitUnit = Duration.ofMillis(1);
    private String lockTimeoutQuery;
    private boolean concurrentWriters = true;
    private Set<Isolation> isolations = Set.of(Isolation.values());
    private Set<Isolation> runAgainAfterConcurrentCommit = Set.of();
    private Set<Isolation> runAgainAfterConcurrentFirstUse = Set.of();
    private boolean failedStatementAbortsTransaction;
    private Set<String> failuresUnderStress = Set.of();
    private ServerSessions sessions;
    private int migrations = 1;
    private String djangoSequencesTable = HAND_MADE_TABLE;
    private List<String> grants = List.of();
    private boolean leastPrivilege;
    private String counterSchema;
    private String counterTable = SequencesSchema.DEFAULT_TABLE;
    private Settings applicationSettings = new Settings();
    private String numbers;
    private boolean base;

    private Builder(String label, TestDatabase server, SQLDialect dialect) {
      this.label = label;
      this.server = server;
      this.dialect = dialect;
    }

    private Builder(DatabaseDescription d) {
      this(d.label, d.server, d.dialect);
      statements = d.statements;
      boundedStatements = d.boundedStatements;
      boundsLockWaits = d.boundsLockWaits;
      longestLockWait = d.longestLockWait;
      lockWaitUnit = d.lockWaitUnit;
      lockTimeoutQuery = d.lockTimeoutQuery;
      concurrentWriters = d.concurrentWriters;
      isolations = d.isolations;
      runAgainAfterConcurrentCommit = d.runAgainAfterConcurrentCommit;
      runAgainAfterConcurrentFirstUse = d.runAgainAfterConcurrentFirstUse;
      failedStatementAbortsTransaction = d.failedStatementAbortsTransaction;
      failuresUnderStress = d.failuresUnderStress;
      sessions = d.sessions;
      migrations = d.migrations;
      djangoSequencesTable = d.djangoSequencesTable;
      grants = d.grants;
      leastPrivilege = d.leastPrivilege;
      counterSchema = d.counterSchema;
      counterTable = d.counterTable;
      applicationSettings = d.applicationSettings;
      numbers = d.numbers;
      // Not d.base: a change makes a variant, which says base() itself if it is one.
      base = false;
    }

    /** Another label, for a variant. */
    Builder label(String label) {
      this.label = label;
      return this;
    }

    /** The same database on another server (another transaction model or journal mode). */
    Builder server(TestDatabase server) {
      this.server = server;
      return this;
    }

    /** Another jOOQ dialect on the same server, which sends its own statements. */
    Builder dialect(SQLDialect dialect, int statements, int boundedStatements) {
      this.dialect = dialect;
      return statements(statements, boundedStatements);
    }

    /** The statements one call sends, with {@code LockWait.WAIT} and with a bounded wait. */
    Builder statements(int statements, int boundedStatements) {
      this.statements = statements;
      this.boundedStatements = boundedStatements;
      return this;
    }

    /** NOWAIT and timeouts are refused before any SQL: the database cannot bound a lock wait. */
    Builder unboundedLockWaits() {
      this.boundsLockWaits = false;
      return this;
    }

    /** How the database bounds lock waits: the longest, its unit and the query that shows it. */
    Builder lockWaits(Duration longest, Duration unit, String query) {
      this.longestLockWait = longest;
      this.lockWaitUnit = unit;
      this.lockTimeoutQuery = query;
      return this;
    }

    /** Lock waits counted in milliseconds (the default), shown by {@code query}. */
    Builder lockTimeoutQuery(String query) {
      this.lockTimeoutQuery = query;
      return this;
    }

    /** One transaction writes at a time. */
    Builder oneWriterAtATime() {
      this.concurrentWriters = false;
      return this;
    }

    /** The isolation levels offered; by default all four. */
    Builder isolations(Set<Isolation> isolations) {
      this.isolations = isolations;
      return this;
    }

    /** Where T2 fails with 40001 after T1 committed, on later and on first use. */
    Builder runAgainAfterConcurrentCommit(Set<Isolation> laterUse, Set<Isolation> firstUse) {
      this.runAgainAfterConcurrentCommit = laterUse;
      this.runAgainAfterConcurrentFirstUse = firstUse;
      return this;
    }

    /** Any failed statement aborts the transaction (PostgreSQL). */
    Builder failedStatementAbortsTransaction() {
      this.failedStatementAbortsTransaction = true;
      return this;
    }

    /** The SQL states (or classes) the stress harness may see without faults. */
    Builder failuresUnderStress(Set<String> states) {
      this.failuresUnderStress = states;
      return this;
    }

    /** A server's sessions, and the statements that grant the application's user its rights. */
    Builder server(ServerSessions sessions, List<String> grants) {
      this.sessions = sessions;
      this.grants = grants;
      return this;
    }

    /** The schema as the migrations and django-sequences leave it. */
    Builder schema(int migrations, String djangoSequencesTable) {
      this.migrations = migrations;
      this.djangoSequencesTable = djangoSequencesTable;
      return this;
    }

    /** The application runs as a user that may only read and write the tables. */
    Builder leastPrivilege() {
      this.leastPrivilege = true;
      return label(label + ", least privilege");
    }

    /** The counter table in another schema or under another name, mapped by the application. */
    Builder counterTable(String schema, String table) {
      this.counterSchema = schema;
      this.counterTable = table;
      return label(label + ", counters in " + schema + "." + table);
    }

    /** The application's own jOOQ settings. */
    Builder applicationSettings(Settings settings) {
      this.applicationSettings = settings;
      return label(label + ", the application's render settings");
    }

    /** A query of the numbers 1 to {@code {n}}. */
    Builder numbers(String query) {
      this.numbers = query;
      return this;
    }

    /** The database's base description, on which the features run once per database. */
    Builder base() {
      this.base = true;
      return this;
    }

    DatabaseDescription build() {
      return new DatabaseDescription(
          label,
          server,
          dialect,
          statements,
          boundedStatements,
          boundsLockWaits,
          longestLockWait,
          lockWaitUnit,
          lockTimeoutQuery,
          concurrentWriters,
          isolations,
          runAgainAfterConcurrentCommit,
          runAgainAfterConcurrentFirstUse,
          failedStatementAbortsTransaction,
          failuresUnderStress,
          sessions,
          migrations,
          djangoSequencesTable,
          grants,
          leastPrivilege,
          counterSchema,
          counterTable,
          applicationSettings,
          numbers,
          base);
    }
  }
}
