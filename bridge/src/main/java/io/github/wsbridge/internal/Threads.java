package io.github.wsbridge.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bridge's own threads, shared by all sockets and created lazily: {@code wsbridge-event-N} (the default event
 * executor), {@code wsbridge-io-N} (blocking container calls: {@code connectToServer}, {@code Session.close}) and
 * {@code wsbridge-timer} (connect and closing-handshake timeouts).
 *
 * <p>Work for a socket runs with the context class loader of the thread that created the socket ({@link #runWith});
 * the threads themselves hold none of an application's. Every thread is a daemon, so the bridge never keeps a JVM alive, and idle threads end after
 * {@value #KEEP_ALIVE_SECONDS} seconds, so no thread of the bridge outlives its sockets for long. The number of threads
 * follows the number of tasks running at once, not the number of sockets.
 */
public final class Threads {

    static final int KEEP_ALIVE_SECONDS = 2;

    private Threads() {
    }

    private static final class Holder {
        static final ThreadPoolExecutor EVENTS = pool("wsbridge-event-");
        static final ThreadPoolExecutor IO = pool("wsbridge-io-");
        static final ScheduledThreadPoolExecutor TIMER = newTimer();
    }

    /** The default executor that sockets dispatch their events on, in order, each through its own {@link SerialExecutor}. */
    public static Executor events() {
        return Holder.EVENTS;
    }

    /** Where blocking container calls run, off the caller's and the container's threads. */
    public static Executor io() {
        return Holder.IO;
    }

    /** Timeouts. */
    public static ScheduledThreadPoolExecutor timer() {
        return Holder.TIMER;
    }

    private static ThreadPoolExecutor pool(String prefix) {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemon(prefix));
    }

    private static ScheduledThreadPoolExecutor newTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("wsbridge-timer-"));
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        return timer;
    }

    /**
     * Runs {@code task} on the calling thread with {@code loader} as its context class loader, then restores the
     * thread's own. For work done on the bridge's threads on behalf of a socket: containers and listeners see the
     * context class loader of the code that created the socket (in a server, its application's), as on its own thread.
     */
    public static void runWith(ClassLoader loader, Runnable task) {
        Thread thread = Thread.currentThread();
        ClassLoader own = thread.getContextClassLoader();
        if (own == loader) {
            task.run(); // the common case outside servers: nothing to set or restore on the event path
            return;
        }
        thread.setContextClassLoader(loader);
        try {
            task.run();
        } finally {
            thread.setContextClassLoader(own);
        }
    }

    /**
     * Daemon threads whose context class loader is the bridge's own, not the one of whichever thread happened to start
     * them: a pool thread started from one application must not keep that application's class loader (and hand it to
     * the next application's work) once the application is gone.
     */
    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        ClassLoader bridge = Threads.class.getClassLoader();
        return task -> {
            Thread t = new Thread(task, prefix + count.incrementAndGet());
            t.setDaemon(true);
            t.setContextClassLoader(bridge);
            return t;
        };
    }
}
