package dev.sequences.jooq;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.QueryPart;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.conf.DiagnosticsConnection;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.DataException;
import org.jooq.exception.DetachedException;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.exception.NoDataFoundException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.tools.JooqLogger;
import org.jooq.tools.LoggerListener;
import org.jspecify.annotations.Nullable;

/**
 * The hot path's statements rendered once: jOOQ renders a statement's syntax tree the first time a
 * shape of statement runs under a dialect and settings; later calls with the same shape, dialect
 * and settings send the same text with fresh bind values. Rendering the tree, and jOOQ's execution
 * around it, cost more CPU and memory per call than the database's own work on two cores; the text
 * never changes with the values, which are all bound.
 *
 * <p>The text is rendered under settings the library owns, not the caller's: its own rendering
 * rules ({@link LibraryRendering}) and a render mapping that places the counter table where the
 * caller's configuration maps it. So the key is what the text depends on and nothing more: the
 * shape (which statement, in which form), the dialect, and the counter table as the caller's
 * configuration maps it (jOOQ keeps a configuration's mapping once made: a configuration whose
 * settings were changed in place keeps its old table, and so does its key). A template is kept only
 * if it passes a check when it is made: the tree built from probe values (which differ wherever two
 * binds may differ, so that no swap of two binds passes unseen) binds them in the declared order;
 * the plain-SQL statement, rendered by jOOQ with those binds, has the same text and bind values;
 * and the call's own tree renders the same text. Otherwise the shape is rendered from its tree on
 * every call. Nothing is kept where the text can depend on more than the key, or may not be the
 * whole statement: with {@link org.jooq.VisitListener}s (they may rewrite any statement), static
 * statements (values inlined), and on databases other than PostgreSQL, MariaDB and MySQL (jOOQ
 * emulates RETURNING on some through the driver, outside the text). Past {@value #MAX_TEMPLATES}
 * entries, new keys are rendered on every call.
 *
 * <p>On PostgreSQL, MariaDB and MySQL, where nothing can observe how jOOQ runs the statement
 * ({@link #direct}), the kept text goes to the connection as a {@link PreparedStatement}, as jOOQ
 * would send it, and a failure becomes the {@link DataAccessException} jOOQ would throw. Otherwise
 * it runs through jOOQ as plain SQL: the caller's {@link org.jooq.ExecuteListener}s see every
 * statement, its text and its bind values (the {@link Query} object they see is jOOQ's plain-SQL
 * query, not the syntax tree).
 */
final class RenderedOnce {

  /** More shapes × settings than any application has. */
  private static final int MAX_TEMPLATES = 512;

  private static final Map<Key, Template> TEMPLATES = new ConcurrentHashMap<>();

  /**
   * The families whose statements are whole in their text: these render RETURNING natively. On
   * others jOOQ may emulate it through the driver (HSQLDB's generated keys), which the text alone
   * would lose, so their statements are rendered from the tree on every call.
   */
  private static final Set<SQLDialect> KEPT_FAMILIES =
      EnumSet.of(SQLDialect.POSTGRES, SQLDialect.MARIADB, SQLDialect.MYSQL);

  /** jOOQ's execute logging ({@code Settings.executeLogging}) writes at DEBUG on this logger. */
  private static final JooqLogger JOOQ_EXECUTE_LOG = JooqLogger.getLogger(LoggerListener.class);

  /** A long column, to read a statement's result by position. */
  private static final Field<Long> LONG = DSL.field(DSL.name("value"), SQLDataType.BIGINT);

  private RenderedOnce() {}

  /** A template's key: everything its text depends on. */
  private record Key(String shape, SQLDialect dialect, Name table) {}

  /**
   * The text and its bind types; {@code direct} if the connection can be given the text and the
   * values as they are (every value a string or a long).
   */
  private record Template(String sql, DataType<?>[] types, boolean direct) {

    /** For a shape that must be rendered from its tree on every call. */
    static final Template UNCACHEABLE = new Template("", new DataType<?>[0], false);
  }

  /**
   * A statement built from values of type {@code T}: its syntax tree, its bind values in the order
   * jOOQ binds them, and a probe. One shape must always build the same text from {@code tree} under
   * one dialect and settings, whatever the values.
   *
   * @param probe values of the same shape as the given ones whose binds differ wherever two binds
   *     may differ: the order of the binds is checked with them when a template is made (a call's
   *     own values may coincide, and a swap of equal values cannot be seen)
   */
  record Statement<T>(
      BiFunction<DSLContext, T, ? extends Query> tree,
      Function<T, Object[]> binds,
      UnaryOperator<T> probe) {

    /** A statement without bind values. */
    static <T> Statement<T> withoutBinds(BiFunction<DSLContext, T, ? extends Query> tree) {
      return new Statement<>(tree, values -> NO_BINDS, UnaryOperator.identity());
    }
  }

  private static final Object[] NO_BINDS = {};

  /** How a statement gives its result back. */
  enum Result {
    /** A query's first column of its first row ({@code executeQuery}). */
    QUERY,
    /**
     * The same from a statement that does not start with SELECT ({@code execute}): MySQL
     * Connector/J refuses {@code executeQuery} for an INSERT, though MariaDB's RETURNING makes it
     * return rows.
     */
    ROWS_OF_EXECUTE,
    /** None ({@code executeUpdate}); the value returned is 0. */
    NONE
  }

  /**
   * Runs {@code shape} and returns its result: on the connection directly from the kept text where
   * nothing can observe how jOOQ runs it ({@link #direct}), else through jOOQ (from the kept text
   * as plain SQL, or from the tree where there is no template).
   *
   * @param table the counter table as {@code ctx}'s render mapping places it
   * @param shape what the statement is
   * @param result how the statement gives its result back
   * @param statement how the statement is built from values, and its binds
   * @param call this call's values
   */
  static <T> long run(
      DSLContext ctx, Name table, String shape, Result result, Statement<T> statement, T call) {
    Template template = template(ctx, table, shape, statement, call);
    Object[] binds = statement.binds().apply(call);
    if (template != null && template.direct() && direct(ctx.configuration())) {
      return Direct.run(ctx, template.sql(), result, binds);
    }
    Query query =
        template == null
            ? statement.tree().apply(ctx, call)
            : result == Result.NONE
                ? ctx.query(template.sql(), bound(template, binds))
                : ctx.resultQuery(template.sql(), bound(template, binds));
    return switch (result) {
      // Coerced: jOOQ then reads no result set metadata (a round trip on some drivers).
      case QUERY -> ((ResultQuery<?>) query).coerce(LONG).fetchOne().value1();
      case ROWS_OF_EXECUTE ->
          ctx.resultQuery("{0}", query).fetchMany().get(0).get(0).get(0, Long.class);
      case NONE -> {
        query.execute();
        yield 0;
      }
    };
  }

  /**
   * {@code shape} through jOOQ as a query to run after {@code prefix} with {@link
   * ResultQuery#fetchMany()}: from the kept text where there is one.
   */
  static <T> ResultQuery<Record> resultQueryOfMany(
      DSLContext ctx, Name table, String prefix, String shape, Statement<T> statement, T call) {
    Template template = template(ctx, table, shape, statement, call);
    QueryPart query =
        template == null
            ? statement.tree().apply(ctx, call)
            : ctx.query(template.sql(), bound(template, statement.binds().apply(call)));
    return ctx.resultQuery(prefix + "{0}", query);
  }

  /**
   * True if nothing can observe how a statement runs on {@code configuration}, so that sending the
   * kept text on the connection directly is the same as jOOQ's execution: no {@link
   * org.jooq.ExecuteListener} (jOOQ's own execute logging counts when its logger is at DEBUG, and
   * so does fetching server output), no diagnostics listener, no query timeout, fetch size or row
   * limit in the settings.
   */
  static boolean direct(Configuration configuration) {
    Settings settings = configuration.settings();
    return configuration.executeListenerProviders().length == 0
        && configuration.diagnosticsListenerProviders().length == 0
        // jOOQ adds listeners of its own for these two settings.
        && !(!Boolean.FALSE.equals(settings.isExecuteLogging())
            && JOOQ_EXECUTE_LOG.isDebugEnabled())
        && isUnset(settings.getFetchServerOutputSize())
        && isUnset(settings.getQueryTimeout())
        && isUnset(settings.getFetchSize())
        && isUnset(settings.getMaxRows())
        // jOOQ wraps the connection for diagnostics (and its LoggingDiagnosticsListener) then.
        && settings.getDiagnosticsConnection() != DiagnosticsConnection.ON;
  }

  private static boolean isUnset(@Nullable Integer setting) {
    return setting == null || setting == 0;
  }

  /** The kept template of {@code shape} under {@code ctx}, made now if new; null: none. */
  @SuppressWarnings("ReferenceEquality") // the sentinel itself
  private static <T> @Nullable Template template(
      DSLContext ctx, Name table, String shape, Statement<T> statement, T call) {
    Configuration configuration = ctx.configuration();
    if (!KEPT_FAMILIES.contains(configuration.family())
        || configuration.visitListenerProviders().length > 0
        || configuration.settings().getStatementType() == StatementType.STATIC_STATEMENT) {
      return null;
    }
    Key key = new Key(shape, configuration.dialect(), table);
    Template template = TEMPLATES.get(key);
    if (template == null) {
      if (TEMPLATES.size() >= MAX_TEMPLATES) {
        return null;
      }
      template =
          templateOf(
              DSL.using(key.dialect(), LibraryRendering.placing(key.table())), statement, call);
      TEMPLATES.putIfAbsent(key, template);
    }
    return template == Template.UNCACHEABLE ? null : template;
  }

  private static QueryPart[] bound(Template template, Object[] binds) {
    DataType<?>[] types = template.types();
    QueryPart[] params = new QueryPart[types.length];
    for (int i = 0; i < types.length; i++) {
      params[i] = DSL.val(binds[i], types[i]);
    }
    return params;
  }

  /**
   * The template of {@code statement}, if the tree built from {@code probe} binds the probe's
   * values in the declared order (the probe's values differ where the call's may coincide, so a
   * swap of two binds cannot pass unseen), its text and binds come back the same as plain SQL, and
   * the call's own tree renders the same text.
   */
  @SuppressWarnings("ReferenceEquality") // the sentinel itself
  private static <T> Template templateOf(DSLContext ctx, Statement<T> statement, T call) {
    T probe = statement.probe().apply(call);
    Template template =
        templateOf(ctx, statement.tree().apply(ctx, probe), statement.binds().apply(probe));
    if (template == Template.UNCACHEABLE
        || !template.sql().equals(ctx.render(statement.tree().apply(ctx, call)))) {
      return Template.UNCACHEABLE;
    }
    return template;
  }

  /** The template of {@code built}, if its text and binds come back the same as plain SQL. */
  private static Template templateOf(DSLContext ctx, Query built, Object[] binds) {
    List<Object> treeBinds = ctx.extractBindValues(built);
    if (!treeBinds.equals(List.of(binds))) {
      return Template.UNCACHEABLE;
    }
    List<DataType<?>> types = new ArrayList<>();
    boolean direct = true;
    for (Param<?> param : ctx.extractParams(built).values()) {
      types.add(param.getDataType());
      Class<?> type = param.getDataType().getType();
      direct &= (type == String.class || type == Long.class) && type.isInstance(param.getValue());
    }
    if (types.size() != binds.length) {
      return Template.UNCACHEABLE;
    }
    String sql = ctx.render(built);
    Template candidate = new Template(sql, types.toArray(new DataType<?>[0]), direct);
    Query plain = ctx.query(sql, bound(candidate, binds));
    boolean same = sql.equals(ctx.render(plain)) && treeBinds.equals(ctx.extractBindValues(plain));
    return same ? candidate : Template.UNCACHEABLE;
  }

  /** A statement sent on the connection, as jOOQ would send it with no listener. */
  private static final class Direct {

    private Direct() {}

    static long run(DSLContext ctx, String sql, Result result, Object[] binds) {
      ConnectionProvider provider = ctx.configuration().connectionProvider();
      Connection connection = provider.acquire();
      if (connection == null) {
        // jOOQ's own execution gives the same answer for a missing connection.
        throw new DetachedException("Cannot execute query. No JDBC Connection configured");
      }
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        for (int i = 0; i < binds.length; i++) {
          if (binds[i] instanceof Long value) {
            statement.setLong(i + 1, value);
          } else {
            statement.setString(i + 1, (String) binds[i]);
          }
        }
        return switch (result) {
          case QUERY -> {
            try (ResultSet rows = statement.executeQuery()) {
              yield first(rows, sql);
            }
          }
          case ROWS_OF_EXECUTE -> {
            statement.execute();
            try (ResultSet rows = statement.getResultSet()) {
              yield first(rows, sql);
            }
          }
          case NONE -> {
            statement.executeUpdate();
            yield 0;
          }
        };
      } catch (SQLException e) {
        throw translated(sql, e);
      } finally {
        provider.release(connection);
      }
    }

    private static long first(@Nullable ResultSet rows, String sql) throws SQLException {
      if (rows == null || !rows.next()) {
        throw new NoDataFoundException("SQL [" + sql + "] returned no row");
      }
      return rows.getLong(1);
    }

    /** The exception jOOQ would throw for {@code e}: its type by SQL state class, its message. */
    private static DataAccessException translated(String sql, SQLException e) {
      String message = "SQL [" + sql + "]; " + e.getMessage();
      String state = e.getSQLState();
      if (state != null && state.startsWith("22")) {
        return new DataException(message, e);
      }
      if (state != null && state.startsWith("23")) {
        return new IntegrityConstraintViolationException(message, e);
      }
      return new DataAccessException(message, e);
    }
  }

  /**
   * Whether {@code shape} runs from a kept text under {@code dialect} on counter table {@code
   * table}.
   */
  @SuppressWarnings("ReferenceEquality") // the sentinel itself
  static boolean isCached(SQLDialect dialect, Name table, String shape) {
    Template template = TEMPLATES.get(new Key(shape, dialect, table));
    return template != null && template != Template.UNCACHEABLE;
  }
}
