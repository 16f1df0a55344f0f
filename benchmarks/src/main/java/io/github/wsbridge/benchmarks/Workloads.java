package io.github.wsbridge.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The workloads of the issue, written once over {@link Client}: each returns its figures as {@code metric -> value}.
 * Timing is {@link System#nanoTime()}; every workload warms up on the same connection or container before it measures.
 * Node's script ({@code node/bench.mjs}) implements the same workloads with the same counts.
 */
final class Workloads {

    /** A 64-byte text message. */
    static final String TEXT_64 = "0123456789abcdef".repeat(4);
    /** Size of the binary messages. */
    static final int BINARY_SIZE = 64 * 1024;
    /** How long anything may take before the workload gives up: a broken client fails the run, it never hangs it. */
    private static final long TIMEOUT_SECONDS = 300;

    private final Client client;
    private final URI echo;
    private final Settings settings;

    Workloads(Client client, URI echo, Settings settings) {
        this.client = client;
        this.echo = echo;
        this.settings = settings;
    }

    /** 1. One connection, one 64-byte message in flight: round-trip percentiles. */
    Map<String, Object> latency() throws Exception {
        int warmup = settings.latencyWarmup;
        int n = settings.latencyCount;
        long[] rtt = new long[n];
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong sentAt = new AtomicLong();
        AtomicInteger count = new AtomicInteger();
        Client.Link link = await(client.connect(echo, (l, text) -> {
            long now = System.nanoTime();
            int k = count.getAndIncrement();
            if (k >= warmup) {
                rtt[k - warmup] = now - sentAt.get();
            }
            if (k + 1 == warmup + n) {
                done.countDown();
                return;
            }
            sentAt.set(System.nanoTime());
            l.sendText(TEXT_64);
        }));
        sentAt.set(System.nanoTime());
        link.sendText(TEXT_64);
        await(done);
        link.close();
        Arrays.sort(rtt);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("p50_us", percentile(rtt, 0.50) / 1e3);
        result.put("p99_us", percentile(rtt, 0.99) / 1e3);
        result.put("p999_us", percentile(rtt, 0.999) / 1e3);
        return result;
    }

    /** 2a. One connection, pipelined 64-byte text messages (at most {@code window} unanswered). */
    Map<String, Object> text() throws Exception {
        return pipelined(false, settings.textCount, settings.textWindow);
    }

    /** 2b. One connection, pipelined 64 KiB binary messages. */
    Map<String, Object> binary() throws Exception {
        return pipelined(true, settings.binaryCount, settings.binaryWindow);
    }

    private Map<String, Object> pipelined(boolean binary, int n, int window) throws Exception {
        Semaphore permits = new Semaphore(window);
        AtomicInteger received = new AtomicInteger();
        AtomicInteger expected = new AtomicInteger();
        CountDownLatch[] done = {new CountDownLatch(1)};
        Client.Receiver receiver = new Client.Receiver() {
            @Override
            public void text(Client.Link link, String text) {
                echoed();
            }

            @Override
            public void binary(Client.Link link, ByteBuffer data) {
                echoed();
            }

            private void echoed() {
                permits.release();
                if (received.incrementAndGet() == expected.get()) {
                    done[0].countDown();
                }
            }
        };
        Client.Link link = await(client.connect(echo, receiver));
        ByteBuffer payload = ByteBuffer.allocate(BINARY_SIZE);
        for (int i = 0; i < BINARY_SIZE; i++) {
            payload.put((byte) i);
        }
        payload.flip();
        // warm-up: a whole batch, then the measured batch on the same connection (with a tenth, the bridge's code was
        // still being compiled by the JIT in the measured batch, docs/performance.md)
        int warmup = n;
        long elapsed = 0;
        for (int batch : new int[] {warmup, n}) {
            received.set(0);
            expected.set(batch);
            done[0] = new CountDownLatch(1);
            long start = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                if (!permits.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    throw new TimeoutException("no echo for " + TIMEOUT_SECONDS + " s");
                }
                if (binary) {
                    link.sendBinary(payload.duplicate());
                } else {
                    link.sendText(TEXT_64);
                }
            }
            await(done[0]);
            elapsed = System.nanoTime() - start;
        }
        link.close();
        double seconds = elapsed / 1e9;
        int size = binary ? BINARY_SIZE : TEXT_64.length();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("msgs_per_s", n / seconds);
        result.put("mb_per_s", (double) n * size / seconds / 1e6);
        return result;
    }

    /** 3. Many concurrent connections, each doing round trips at the same time. */
    Map<String, Object> fanout() throws Exception {
        int connections = settings.fanoutConnections;
        int trips = settings.fanoutRoundTrips;
        long[] rtt = new long[connections * trips];
        CountDownLatch done = new CountDownLatch(connections);
        // One connection first, as for every multi-connection workload: a fresh Jetty container fails concurrent first
        // connects ("WebSocketCoreClient is not started", docs/containers.md), so an application warms it up this way.
        await(client.connect(echo, Client.IGNORE)).close();
        List<long[]> sentAt = new ArrayList<>();
        List<Client.Link> links = openMany(connections, index -> {
            long[] state = new long[2]; // [0] sent at, [1] replies so far
            synchronized (sentAt) {
                sentAt.add(state);
            }
            return (link, text) -> {
                long now = System.nanoTime();
                int k = (int) state[1]++;
                rtt[index * trips + k] = now - state[0];
                if (k + 1 == trips) {
                    done.countDown();
                    return;
                }
                state[0] = System.nanoTime();
                link.sendText(TEXT_64);
            };
        });
        long start = System.nanoTime();
        for (int i = 0; i < links.size(); i++) {
            sentAt.get(i)[0] = System.nanoTime();
            links.get(i).sendText(TEXT_64);
        }
        await(done);
        long elapsed = System.nanoTime() - start;
        for (Client.Link link : links) {
            link.close();
        }
        Arrays.sort(rtt);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rtt_per_s", connections * (double) trips / (elapsed / 1e9));
        result.put("p50_us", percentile(rtt, 0.50) / 1e3);
        result.put("p99_us", percentile(rtt, 0.99) / 1e3);
        return result;
    }

    /** 4. Many idle connections in this JVM: retained heap per connection after GC, live threads. */
    Map<String, Object> idle() throws Exception {
        int n = settings.idleConnections;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // The container and its classes are warm before the baseline: one connection opened and closed.
        warmUpConnect();
        long heapBefore = usedHeapAfterGc(memory);
        int threadsBefore = threads.getThreadCount();
        threads.resetPeakThreadCount();
        Set<Thread> baseline = liveThreads();
        int tenth = Math.max(1, n / 10);
        List<Client.Link> first = openMany(tenth, i -> Client.IGNORE);
        settle(baseline);
        int threadsAtTenth = threads.getThreadCount();
        int ownAtTenth = bridgeThreads();
        List<Client.Link> rest = openMany(n - tenth, i -> Client.IGNORE);
        settle(baseline);
        long heapAfter = usedHeapAfterGc(memory);
        int threadsAfter = threads.getThreadCount();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("heap_per_conn_bytes", (heapAfter - heapBefore) / (double) n);
        result.put("threads_before", (double) threadsBefore);
        result.put("threads_at_tenth", (double) threadsAtTenth);
        result.put("threads", (double) threadsAfter);
        result.put("peak_threads", (double) threads.getPeakThreadCount());
        result.put("bridge_threads_at_tenth", (double) ownAtTenth);
        result.put("bridge_threads", (double) bridgeThreads());
        result.put("threads_by_name", ThreadCensus.format(ThreadCensus.take()));
        if (first.size() + rest.size() != n) {
            throw new IllegalStateException("opened " + (first.size() + rest.size()) + " of " + n);
        }
        return result;
    }

    /** 5. Connect rate: one after the other, then {@code connectParallel} at a time. Connections stay open. */
    Map<String, Object> connect() throws Exception {
        int n = settings.connectCount;
        await(client.connect(echo, Client.IGNORE)).close(); // warm
        List<Client.Link> open = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            open.add(await(client.connect(echo, Client.IGNORE)));
        }
        double sequential = n / ((System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        open.addAll(openMany(n, i -> Client.IGNORE));
        double parallel = n / ((System.nanoTime() - start) / 1e9);
        for (Client.Link link : open) {
            link.close();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("seq_per_s", sequential);
        result.put("par_per_s", parallel);
        return result;
    }

    /**
     * Connects to a server that accepts TCP and never answers the handshake, and counts the threads that appear while
     * the connects are pending, by name: once every connect has reached the server, or after
     * {@code pendingSettleMillis} if some never do (a client that queues connects behind a thread limit).
     */
    Map<String, Object> pending() throws Exception {
        int n = settings.pendingConnects;
        try (HoldingServer hold = new HoldingServer()) {
            warmUpConnect(); // the container's own threads exist before the count
            Map<String, Integer> before = ThreadCensus.take();
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            List<CompletableFuture<Client.Link>> connects = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                connects.add(client.connect(hold.uri(), Client.IGNORE));
            }
            int accepted = hold.awaitAccepted(n, settings.pendingSettleMillis);
            int threadsDuring = ManagementFactory.getThreadMXBean().getThreadCount();
            Map<String, Integer> during = ThreadCensus.take();
            for (CompletableFuture<Client.Link> c : connects) {
                if (c.isDone() && !c.isCompletedExceptionally()) {
                    throw new IllegalStateException("a connect to the holding server opened");
                }
            }
            Map<String, Integer> grown = new TreeMap<>();
            during.forEach((name, count) -> {
                int delta = count - before.getOrDefault(name, 0);
                if (delta != 0) {
                    grown.put(name, delta);
                }
            });
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("pending", (double) n);
            result.put("reached_server", (double) accepted);
            result.put("threads_added", (double) (threadsDuring - threadsBefore));
            result.put("threads_added_by_name", ThreadCensus.format(grown));
            result.put("threads_during_by_name", ThreadCensus.format(during));
            return result;
        }
    }

    // ---- helpers ----

    /** Live threads of the bridge itself ({@code wsbridge-*}; 0 for the other clients). */
    private static int bridgeThreads() {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("wsbridge-")) {
                n++;
            }
        }
        return n;
    }

    interface ReceiverFactory {
        Client.Receiver create(int index);
    }

    /** Opens {@code n} connections, {@code connectParallel} at a time; returns them in index order. */
    private List<Client.Link> openMany(int n, ReceiverFactory receivers) throws Exception {
        Semaphore inFlight = new Semaphore(settings.connectParallel);
        List<CompletableFuture<Client.Link>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (!inFlight.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new TimeoutException("connects stalled");
            }
            CompletableFuture<Client.Link> f = client.connect(echo, receivers.create(i));
            f.whenComplete((link, failure) -> inFlight.release());
            futures.add(f);
        }
        List<Client.Link> links = new ArrayList<>(n);
        for (CompletableFuture<Client.Link> f : futures) {
            links.add(await(f));
        }
        return links;
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) throws Exception {
        if (!latch.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new TimeoutException("the workload did not finish within " + TIMEOUT_SECONDS + " s");
        }
    }

    /** Opens and closes one connection, then lets the threads that started meanwhile end. */
    private void warmUpConnect() throws Exception {
        Set<Thread> baseline = liveThreads();
        await(client.connect(echo, Client.IGNORE)).close();
        settle(baseline);
    }

    private static Set<Thread> liveThreads() {
        return new HashSet<>(Thread.getAllStackTraces().keySet());
    }

    /**
     * Waits for the threads started since {@code baseline} to end (pool threads that outlive their work by a keep-alive:
     * connect helpers, the bridge's event threads), at most {@code settleMillis} in all; those still alive then are
     * counted.
     */
    private void settle(Set<Thread> baseline) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.settleMillis);
        for (Thread t : liveThreads()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            if (!baseline.contains(t)) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** The heap in use after full collections, the least of four. */
    private static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            collect();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /**
     * A collection that got as far as reference processing: {@code System.gc()} until a sentinel that only a phantom
     * reference reaches is enqueued (a bounded wait on that event, 10 tries).
     */
    private static void collect() throws InterruptedException {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        PhantomReference<Object> sentinel = new PhantomReference<>(new Object(), queue);
        for (int i = 0; i < 10; i++) {
            System.gc();
            if (queue.remove(100) != null) {
                break;
            }
        }
        Reference.reachabilityFence(sentinel);
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
