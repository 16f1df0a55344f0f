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
 * <p>Every thread is a daemon, so the bridge never keeps a JVM alive, and idle threads end after
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

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
