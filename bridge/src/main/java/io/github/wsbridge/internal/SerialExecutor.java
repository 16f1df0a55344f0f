package io.github.wsbridge.internal;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * One WebSocket's task queue (WHATWG WebSockets: "the WebSocket task source"; checklist item 81): tasks run one at a
 * time, in the order they were queued, on an underlying {@link Executor} that may be shared by many sockets.
 *
 * <p>Concurrency contract: {@link #execute(Runnable)} may be called from any thread. At most one drain loop is submitted
 * to the underlying executor at any time, so tasks never overlap and each task happens-before the next. The queue starts
 * <em>held</em>: tasks queued before {@link #release()} wait, which is how the WebSocket constructor guarantees that no
 * event fires before it returns.
 */
public final class SerialExecutor implements Executor {

    private final Executor executor;
    private final ClassLoader contextLoader;
    private final Consumer<Throwable> report;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>(4); // guarded by this; small: most sockets are idle
    private boolean held = true;                                    // guarded by this
    private boolean scheduled;                                      // guarded by this

    /**
     * @param executor where tasks run; the bridge's own {@link Threads#events()} or one given by the application
     * @param contextLoader the context class loader tasks see on the bridge's own threads (the socket creator's); an
     *        application's executor runs them with whatever it sets itself
     * @param report where exceptions thrown by tasks go
     */
    public SerialExecutor(Executor executor, ClassLoader contextLoader, Consumer<Throwable> report) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.contextLoader = contextLoader;
        this.report = Objects.requireNonNull(report, "report");
    }

    private void drainOnBridgeThread() {
        Threads.runWith(contextLoader, this::drain);
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        synchronized (this) {
            tasks.add(task);
            if (held || scheduled) {
                return;
            }
            scheduled = true;
        }
        schedule();
    }

    /** Lets queued and future tasks run. */
    public void release() {
        synchronized (this) {
            held = false;
            if (scheduled || tasks.isEmpty()) {
                return;
            }
            scheduled = true;
        }
        schedule();
    }

    private void schedule() {
        try {
            executor.execute(executor == Threads.events() ? this::drainOnBridgeThread : this::drain);
        } catch (RejectedExecutionException e) {
            // The executor is shut down (for example a managed executor during undeploy). Go on on the bridge's own
            // event threads rather than lose the close event, and never on the caller's thread.
            RejectedExecutionException why = new RejectedExecutionException("The executor given to"
                    + " WebSocketInit.executor(...) rejected an event task (is it shut down?); this socket's events go on"
                    + " on the bridge's own wsbridge-event threads", e);
            report.accept(why);
            Threads.events().execute(this::drainOnBridgeThread);
        }
    }

    private void drain() {
        boolean failed = true;
        try {
            for (;;) {
                Runnable task;
                synchronized (this) {
                    task = tasks.poll();
                    if (task == null) {
                        scheduled = false;
                        failed = false;
                        return;
                    }
                }
                try {
                    task.run();
                } catch (RuntimeException | StackOverflowError e) {
                    report.accept(e);
                }
            }
        } finally {
            if (failed) {
                // An Error escaped a task (OutOfMemoryError...): the queue must not stay marked as scheduled.
                boolean more;
                synchronized (this) {
                    more = !tasks.isEmpty();
                    scheduled = more;
                }
                if (more) {
                    schedule();
                }
            }
        }
    }
}
