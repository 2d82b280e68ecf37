package dev.sequences.jooq;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.function.ObjLongConsumer;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;
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
 * not from the moment the number was asked for. Requests of a nested transaction (a savepoint) that
 * commits join its parent's; those of one that rolls back are dropped with it. Several requests are
 * issued in one fixed order (by counter table, then by name), so transactions that number the same
 * sequences never deadlock on them. If a value cannot be issued, the transaction does not commit:
 * the caller of {@code transaction(...)} gets the exception.
 *
 * <p>Spring-managed transactions need no listener: a request made in one is issued by a transaction
 * synchronization before the commit (Spring's {@code PROPAGATION_NESTED} savepoints are not seen: a
 * request made inside one is issued even when only the savepoint rolls back).
 */
public final class BeforeCommitNumbering {

  private static final TransactionListener LISTENER = new Listener();

  /** The key of a transaction's pending requests in its configuration's data. */
  private static final String FRAME = BeforeCommitNumbering.class.getName() + ".frame";

  /** The frames of ThreadLocalTransactionProvider transactions, whose contexts are global. */
  private static final ThreadLocal<Deque<Frame>> THREAD_FRAMES =
      ThreadLocal.withInitial(ArrayDeque::new);

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
   * @param table the counter table as the library renders it on {@code ctx}, for the order
   */
  record Request(
      GaplessSequence sequence, DSLContext ctx, String table, ObjLongConsumer<DSLContext> assign) {

    /** The order of issue: by counter table, then by name. */
    static final Comparator<Request> ORDER =
        Comparator.comparing(Request::table).thenComparing(r -> r.sequence.name());

    Request(GaplessSequence sequence, DSLContext ctx, ObjLongConsumer<DSLContext> assign) {
      this(sequence, ctx, CounterTable.render(LibraryRendering.applied(ctx)), assign);
    }

    void issue() {
      assign.accept(ctx, sequence.nextValue(ctx));
    }
  }

  /** The pending requests of one transaction (or savepoint), and its parent's frame. */
  private static final class Frame {
    final @Nullable Frame parent;
    final List<Request> requests = new ArrayList<>();

    Frame(@Nullable Frame parent) {
      this.parent = parent;
    }
  }

  /**
   * Registers {@code request} with the jOOQ transaction of {@code ctx}; false if {@code ctx}
   * belongs to no transaction with the listener.
   */
  static boolean register(DSLContext ctx, Request request) {
    Frame frame = frameOf(ctx.configuration());
    if (frame == null) {
      return false;
    }
    frame.requests.add(request);
    return true;
  }

  /** Issues {@code requests} in the fixed order, each on its own context. */
  static void issueAll(List<Request> requests) {
    requests.stream().sorted(Request.ORDER).forEach(Request::issue);
  }

  private static @Nullable Frame frameOf(Configuration configuration) {
    Object frame = configuration.data(FRAME);
    if (frame != null) {
      return (Frame) frame;
    }
    return isThreadLocal(configuration) ? THREAD_FRAMES.get().peek() : null;
  }

  private static boolean isThreadLocal(Configuration configuration) {
    return configuration.transactionProvider() instanceof ThreadLocalTransactionProvider;
  }

  private static final class Listener implements TransactionListener {

    @Override
    public void beginEnd(TransactionContext ctx) {
      Configuration configuration = ctx.configuration();
      Frame frame = new Frame(frameOf(configuration));
      configuration.data(FRAME, frame);
      if (isThreadLocal(configuration)) {
        THREAD_FRAMES.get().push(frame);
      }
    }

    @Override
    public void commitStart(TransactionContext ctx) {
      Frame frame = frameOf(ctx.configuration());
      if (frame == null || frame.requests.isEmpty()) {
        return;
      }
      if (frame.parent != null) {
        frame.parent.requests.addAll(frame.requests);
      } else {
        issueAll(frame.requests);
      }
      frame.requests.clear();
    }

    @Override
    public void commitEnd(TransactionContext ctx) {
      end(ctx);
    }

    @Override
    public void rollbackEnd(TransactionContext ctx) {
      end(ctx);
    }

    private static void end(TransactionContext ctx) {
      Configuration configuration = ctx.configuration();
      Frame frame = frameOf(configuration);
      if (frame == null) {
        return;
      }
      frame.requests.clear();
      if (isThreadLocal(configuration)) {
        THREAD_FRAMES.get().pop();
      }
      if (frame.parent == null) {
        configuration.data().remove(FRAME);
      } else {
        configuration.data(FRAME, frame.parent);
      }
    }
  }
}
