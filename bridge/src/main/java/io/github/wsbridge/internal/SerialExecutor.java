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
 * <p>Concurrency contract: {@link #execute(Runnable)}, {@link #executeHere(Runnable)}, {@link #executeIfIdle(Runnable)}
 * and {@link #executeIfBusy(Runnable)} may be called from any thread. At most one drain loop runs at any time (the {@code scheduled} flag, set under the
 * lock by whoever starts one), whether it runs on the underlying executor or on the calling thread, so tasks never
 * overlap and each task happens-before the next. The queue starts <em>held</em>: tasks queued before {@link #release()}
 * wait, which is how the WebSocket constructor guarantees that no event fires before it returns.
 *
 * <p>Running on the calling thread saves a thread hand-off (a wake-up, and on a loaded machine a wait for a core: most
 * of what the bridge added to a round trip, docs/performance.md). A drain started on the calling thread runs at most
 * {@value #INLINE_BUDGET} tasks there, then hands the rest to the executor, so no caller is kept for long by work other
 * threads queue. It also hands over at the first task queued with {@link #execute} (open, close): only what
 * {@link #executeHere} queued, and bridge-only tasks, ever run on a calling thread.
 */
public final class SerialExecutor implements Executor {

    /** Tasks a drain started on the calling thread runs there before it hands the rest to the executor. */
    static final int INLINE_BUDGET = 64;

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

    /** A task queued with {@link #execute}: it runs on the executor, never in a drain on a calling thread. */
    private record OnExecutor(Runnable task) implements Runnable {
        @Override
        public void run() {
            task.run();
        }
    }

    private void drainOnBridgeThread() {
        Threads.runWith(contextLoader, this::drainAll);
    }

    private void drainAll() {
        drain(false);
    }

    /** Queues {@code task}; true if the queue was idle, and the caller must now start the drain. */
    private synchronized boolean enqueue(Runnable task) {
        tasks.add(Objects.requireNonNull(task, "task"));
        if (held || scheduled) {
            return false;
        }
        scheduled = true;
        return true;
    }

    /** Queues {@code task}; it runs on the executor. */
    @Override
    public void execute(Runnable task) {
        if (enqueue(new OnExecutor(Objects.requireNonNull(task, "task")))) {
            schedule();
        }
    }

    /**
     * As {@link #execute}, except that on a queue over the bridge's own threads (no executor given) that is idle, the
     * task (and what is queued with this method while it runs, up to the budget and the first task queued with
     * {@link #execute}) runs on the calling thread, with the creator's context class loader, instead of waking a
     * thread. For the container's thread that delivers a message, where raw Jakarta WebSocket runs {@code onMessage}. An application's executor always gets the task. Never called on a thread that is inside a
     * WebSocket method.
     */
    public void executeHere(Runnable task) {
        if (!enqueue(task)) {
            return;
        }
        if (executor == Threads.events()) {
            Threads.runWith(contextLoader, () -> drain(true));
        } else {
            schedule();
        }
    }

    /**
     * Runs {@code task} on the calling thread if nothing of this queue is queued or running, and otherwise queues it.
     * Only for a task that runs no application code (the fall of {@code bufferedAmount}): whatever other threads queue
     * while it runs goes to the executor, never onto the calling thread.
     */
    public void executeIfIdle(Runnable task) {
        Objects.requireNonNull(task, "task");
        synchronized (this) {
            if (held || scheduled) { // (tasks are only ever waiting while one of the two holds)
                tasks.add(task);
                return;
            }
            scheduled = true;
        }
        try {
            task.run();
        } catch (RuntimeException e) {
            report.accept(e);
        } finally {
            endRun();
        }
    }

    /** Ends a run of tasks on this thread: the queue is idle again, or the executor runs what was queued meanwhile. */
    private void endRun() {
        boolean more;
        synchronized (this) {
            more = !tasks.isEmpty();
            scheduled = more;
        }
        if (more) {
            schedule();
        }
    }

    /**
     * Queues {@code task} if a drain is running or will run (so the task costs no wake-up); returns false, queueing
     * nothing, if the queue is idle.
     */
    public synchronized boolean executeIfBusy(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (!held && !scheduled) {
            return false;
        }
        tasks.add(task);
        return true;
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
            executor.execute(executor == Threads.events() ? this::drainOnBridgeThread : this::drainAll);
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

    /**
     * Runs queued tasks until none is left. On a calling thread ({@code onCaller}), the rest go to the executor after
     * {@value #INLINE_BUDGET} tasks or at the first task queued with {@link #execute}.
     */
    private void drain(boolean onCaller) {
        boolean failed = true;
        try {
            for (int ran = 0;; ran++) {
                Runnable task;
                synchronized (this) {
                    task = tasks.peek();
                    if (task == null) {
                        scheduled = false;
                        failed = false;
                        return;
                    }
                    if (onCaller && (ran == INLINE_BUDGET || task instanceof OnExecutor)) {
                        failed = false;
                        break; // still scheduled: the executor goes on
                    }
                    tasks.poll();
                }
                try {
                    task.run();
                } catch (RuntimeException | StackOverflowError e) {
                    report.accept(e);
                }
            }
            schedule();
        } finally {
            if (failed) {
                endRun(); // an Error escaped a task (OutOfMemoryError...): the queue must not stay marked as scheduled
            }
        }
    }
}
