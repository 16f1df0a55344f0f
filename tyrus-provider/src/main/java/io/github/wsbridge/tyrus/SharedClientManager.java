package io.github.wsbridge.tyrus;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.tyrus.client.ClientManager;

/**
 * The provider's one {@link ClientManager}, with executors of its own that Tyrus never shuts down.
 *
 * <p>A plain {@code ClientManager} counts its active connections and shuts its executors down when the count reaches
 * zero. The count is not exact (a connect given up while its 101 is on the way is counted as ended twice, and the check
 * races a connect starting on another thread), and then the executors are gone under live sessions and under the next
 * connect: {@code RejectedExecutionException}, measured in the conformance suite. So {@link #shutdown()} does nothing
 * here, and the executors end their threads by themselves when idle instead:
 * <ul>
 *   <li>connector tasks (each waits for one handshake response): at most {@value #CONNECTORS_MIN} or 8 per core
 *       threads, named {@code tyrus-connector-n}; further connects queue;</li>
 *   <li>timers (session idle timeouts): one thread, {@code tyrus-timer}.</li>
 * </ul>
 * Both are daemon threads that end after {@value TyrusProvider#IDLE_SECONDS} s without work.
 */
final class SharedClientManager extends ClientManager {

    static final int CONNECTORS_MIN = 16;
    static final String CONNECTOR_THREADS = "tyrus-connector-";
    static final String TIMER_THREAD = "tyrus-timer";

    private final ThreadPoolExecutor connectors;
    private final ScheduledThreadPoolExecutor timers;

    SharedClientManager() {
        int n = Math.max(CONNECTORS_MIN, 8 * Runtime.getRuntime().availableProcessors());
        connectors = new ThreadPoolExecutor(n, n, TyrusProvider.IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemons(CONNECTOR_THREADS, true));
        connectors.allowCoreThreadTimeOut(true);
        timers = new ScheduledThreadPoolExecutor(1, daemons(TIMER_THREAD, false));
        timers.setKeepAliveTime(TyrusProvider.IDLE_SECONDS, TimeUnit.SECONDS);
        timers.allowCoreThreadTimeOut(true);
        timers.setRemoveOnCancelPolicy(true);
    }

    /** The most connector tasks that run at once. */
    int connectorThreads() {
        return connectors.getMaximumPoolSize();
    }

    private static ThreadFactory daemons(String name, boolean numbered) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, numbered ? name + count.incrementAndGet() : name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public ExecutorService getExecutorService() {
        return connectors;
    }

    @Override
    public ScheduledExecutorService getScheduledExecutorService() {
        return timers;
    }

    /** Never: see the class comment. The threads end by themselves once idle. */
    @Override
    public void shutdown() {
    }
}
