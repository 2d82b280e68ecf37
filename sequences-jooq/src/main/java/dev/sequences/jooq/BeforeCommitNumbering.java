package dev.sequences.jooq;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ObjLongConsumer;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;
import org.jooq.TransactionProvider;
import org.jooq.impl.ThreadLocalTransactionProvider;
import org.jspecify.annotations.Nullable;

/**
 * Numbering at commit: the hook that issues the values requested with {@link
 * GaplessSequence#nextValueBeforeCommit} just before the outermost commit of a jOOQ transaction.
 * Install {@link #listener()} on the configuration whose {@code transaction(...)} you call:
 *
 * <pre>{@code
 * DSLContext dsl = DSL.using(new DefaultConfiguration()
 *     .set(dataSource).set(SQLDialect.POSTGRES)
 *     .set(BeforeCommitNumbering.listener()));
 * }</pre>
 *
 * <p>A sequence's row lock is then held from the last statements of the transaction to its commit,
 * not from the moment the number was asked for. A request belongs to the transaction of the context
 * it was made on, and to the innermost nested transaction (savepoint) open on it at that moment,
 * whichever context object of that transaction was used: a savepoint that rolls back drops the
 * requests made while it was open; one that is released keeps them for the outermost commit.
 * Several requests are issued in one fixed order (by counter table, then by name), so transactions
 * that number the same sequences never deadlock on them. A request made while the requests are
 * being issued (by an {@code assign}) is issued in the same commit, after them; taken in opposite
 * orders by two transactions, such requests can deadlock, and the database then fails one of the
 * two commits ("run the whole transaction again"). If a value cannot be issued, the transaction
 * does not commit: the caller of {@code transaction(...)} gets the exception. Installing the
 * listener more than once on one configuration changes nothing.
 *
 * <p>At commit, the transactions of this JVM go to a sequence's row one at a time, in the order
 * they came: the others wait in the JVM, not at the row lock (where, on PostgreSQL, every waiter is
 * woken at each commit, and a hot sequence's throughput falls as waiters pile up). A transaction
 * waits there at most one second (then it goes to the row and waits there, where the database sees
 * any deadlock); a request made while the requests are issued does not wait there at all. The wait
 * belongs to the commit, with the row's: {@code nextValueBeforeCommit} takes no {@link LockWait}.
 * {@code nextValue} does not go through this.
 *
 * <p>Spring-managed transactions need no listener: a request made in one is issued by a transaction
 * synchronization before its commit, for every propagation: a transaction suspended by {@code
 * REQUIRES_NEW} keeps its requests apart from the new one's, and a {@code NESTED} savepoint (also
 * the one Spring Boot's jOOQ transaction provider makes for a {@code dsl.transaction(...)} inside
 * {@code @Transactional}) that rolls back drops the requests made inside it. Where the listener is
 * installed on a configuration whose transactions Spring runs, Spring's synchronization issues the
 * requests, once.
 */
public final class BeforeCommitNumbering {

  private static final TransactionListener LISTENER = new Listener();

  /** The key of the outermost transaction's pending requests in its configurations' data. */
  private static final String PENDING = BeforeCommitNumbering.class.getName() + ".pending";

  /**
   * The pending requests of ThreadLocalTransactionProvider transactions, whose contexts are global:
   * one entry per provider, so that two databases' transactions on one thread stay apart.
   */
  private static final ThreadLocal<Map<TransactionProvider, Pending>> THREAD_LOCAL =
      ThreadLocal.withInitial(IdentityHashMap::new);

  private BeforeCommitNumbering() {}

  /**
   * The hook for jOOQ transactions.
   *
   * @return the transaction listener that issues the requests of a jOOQ transaction at its commit;
   *     stateless, one instance for every configuration
   */
  public static TransactionListener listener() {
    return LISTENER;
  }

  /**
   * One value to issue at commit on {@code ctx}, and what to do with it.
   *
   * @param counter the counter's gate key: its database, its table as the library renders it on
   *     {@code ctx} (also the order of issue) and its name
   */
  record Request(
      GaplessSequence sequence,
      DSLContext ctx,
      CounterGates.Key counter,
      ObjLongConsumer<DSLContext> assign) {

    /** The order of issue: by counter table, then by name. */
    static final Comparator<Request> ORDER =
        Comparator.comparing((Request r) -> r.counter.table())
            .thenComparing(r -> r.sequence.name());

    Request(
        GaplessSequence sequence,
        DSLContext ctx,
        String database,
        ObjLongConsumer<DSLContext> assign) {
      this(
          sequence,
          ctx,
          new CounterGates.Key(
              database, CounterTable.render(LibraryRendering.applied(ctx)), sequence.name()),
          assign);
    }

    /**
     * Issues the value, through the counter's gate unless this transaction holds the row already
     * ({@code locked}, to which the counter is added), and assigns it.
     */
    void issue(boolean tryOnly, Set<CounterGates.Key> locked) {
      long value =
          locked.contains(counter)
              ? sequence.nextValue(ctx)
              : CounterGates.through(counter, tryOnly, () -> sequence.nextValue(ctx));
      locked.add(counter);
      assign.accept(ctx, value);
    }
  }

  /**
   * The requests of one outermost transaction, in the order they were made, and where each open
   * nested transaction (savepoint) began in that list: a savepoint that rolls back cuts the list
   * back to its mark.
   */
  static final class Pending {
    private final List<Request> requests = new ArrayList<>();
    private final List<Mark> marks = new ArrayList<>();

    /**
     * The savepoint released last: jOOQ ends a nested transaction whose commit failed with
     * commitEnd, then rollbackStart, and the rollback must still drop its requests.
     */
    private @Nullable Mark released;

    /** Where the transaction or savepoint {@code owner} began. */
    private record Mark(Object owner, int size) {}

    void add(Request request) {
      released = null;
      requests.add(request);
    }

    /** Notes that {@code owner} begins now; false if it was noted already. */
    boolean begin(Object owner) {
      if (indexOf(owner) >= 0) {
        return false;
      }
      released = null;
      marks.add(new Mark(owner, requests.size()));
      return true;
    }

    /** Forgets {@code owner} and what began after it, keeping the requests (a release). */
    void release(Object owner) {
      int index = indexOf(owner);
      if (index >= 0) {
        released = marks.get(index);
        marks.subList(index, marks.size()).clear();
      }
    }

    /**
     * Drops the requests made since {@code owner} began, and forgets it and what began after it;
     * false if {@code owner} is unknown (nothing changed).
     */
    boolean rollBack(Object owner) {
      int index = indexOf(owner);
      if (index < 0) {
        if (released == null || released.owner != owner) {
          return false;
        }
        requests.subList(released.size, requests.size()).clear();
        released = null;
        return true;
      }
      requests.subList(marks.get(index).size, requests.size()).clear();
      marks.subList(index, marks.size()).clear();
      return true;
    }

    /**
     * Drops the requests made since {@code owner} began and forgets what began after it, keeping
     * {@code owner} (a Spring savepoint outlives a rollback to it); false if {@code owner} is
     * unknown (nothing changed).
     */
    boolean rollBackTo(Object owner) {
      int index = indexOf(owner);
      if (index < 0) {
        return false;
      }
      requests.subList(marks.get(index).size, requests.size()).clear();
      marks.subList(index + 1, marks.size()).clear();
      return true;
    }

    /** Drops every request and forgets every savepoint (a rollback to one made before them). */
    void dropAll() {
      released = null;
      requests.clear();
      marks.clear();
    }

    boolean isOutermost(Object owner) {
      return !marks.isEmpty() && marks.get(0).owner == owner;
    }

    /**
     * Issues every request, in the fixed order, then those that the assignments made meanwhile,
     * until none is left; each on its own context.
     */
    void issueAll() {
      Set<CounterGates.Key> locked = new HashSet<>();
      for (int issued = 0; issued < requests.size(); ) {
        int end = requests.size();
        requests.subList(issued, end).sort(Request.ORDER);
        for (int i = issued; i < end; i++) {
          // Those made while issuing only try their gate: a wait there could close a cycle.
          requests.get(i).issue(issued > 0, locked);
        }
        issued = end;
      }
      requests.clear();
    }

    private int indexOf(Object owner) {
      for (int i = 0; i < marks.size(); i++) {
        if (marks.get(i).owner == owner) {
          return i;
        }
      }
      return -1;
    }
  }

  /**
   * Registers {@code request} with the jOOQ transaction of {@code ctx}; false if {@code ctx}
   * belongs to no transaction with the listener.
   */
  static boolean register(DSLContext ctx, Request request) {
    Pending pending = pendingOf(ctx.configuration());
    if (pending == null) {
      return false;
    }
    pending.add(request);
    return true;
  }

  /** The requests of the open jOOQ transaction {@code configuration} belongs to, if any. */
  private static @Nullable Pending pendingOf(Configuration configuration) {
    TransactionProvider provider = configuration.transactionProvider();
    Object pending =
        provider instanceof ThreadLocalTransactionProvider
            ? THREAD_LOCAL.get().get(provider)
            : configuration.data(PENDING);
    return pending instanceof Pending open && !open.marks.isEmpty() ? open : null;
  }

  private static final class Listener implements TransactionListener {

    @Override
    public void beginEnd(TransactionContext ctx) {
      Configuration configuration = ctx.configuration();
      Pending pending = pendingOf(configuration);
      if (pending == null) {
        if (TransactionBinding.isSpringManaged(configuration)) {
          return; // Spring's synchronization sees its savepoints and its commit
        }
        pending = new Pending();
        TransactionProvider provider = configuration.transactionProvider();
        if (provider instanceof ThreadLocalTransactionProvider) {
          THREAD_LOCAL.get().put(provider, pending);
        } else {
          // A nested transaction's configuration is derived from this one and shares the entry.
          configuration.data(PENDING, pending);
        }
      }
      pending.begin(ctx);
    }

    @Override
    public void commitStart(TransactionContext ctx) {
      Pending pending = pendingOf(ctx.configuration());
      if (pending != null && pending.isOutermost(ctx)) {
        try {
          pending.issueAll();
        } finally {
          // A request that arrives after this (from another listener) is refused, never dropped.
          close(ctx.configuration(), pending);
        }
      }
    }

    @Override
    public void commitEnd(TransactionContext ctx) {
      Pending pending = pendingOf(ctx.configuration());
      if (pending != null) {
        pending.release(ctx);
      }
    }

    @Override
    public void rollbackStart(TransactionContext ctx) {
      Pending pending = pendingOf(ctx.configuration());
      if (pending == null) {
        return;
      }
      boolean outermost = pending.isOutermost(ctx);
      pending.rollBack(ctx);
      if (outermost) {
        close(ctx.configuration(), pending);
      }
    }

    private static void close(Configuration configuration, Pending pending) {
      pending.marks.clear();
      pending.requests.clear();
      TransactionProvider provider = configuration.transactionProvider();
      if (provider instanceof ThreadLocalTransactionProvider) {
        THREAD_LOCAL.get().remove(provider);
      } else {
        configuration.data().remove(PENDING);
      }
    }
  }
}
