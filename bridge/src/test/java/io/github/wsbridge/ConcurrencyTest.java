package io.github.wsbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Many threads, many sockets: nothing lost, order per thread, no thread left behind (issues: concurrency, reliability). */
class ConcurrencyTest {

    /**
     * Load: 16 threads send 62,500 messages each, 1,000,000 in all, concurrently on one socket to an echo server. Every
     * message comes back exactly once, each thread's in the order it sent them, and bufferedAmount is 0 at the end.
     * (The listener checks each echo as it is dispatched, instead of recording a million events.)
     */
    @Test
    void concurrentSendersLoseNothingAndKeepPerThreadOrder() throws InterruptedException {
        int threads = 16;
        int perThread = 62_500;
        int[] next = new int[threads]; // confined to the socket's serial event queue
        List<String> wrong = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch echoed = new CountDownLatch(threads * perThread);
        Recorder rec = new Recorder();
        WebSocketInit.Builder init = rec.attach(Clients.init(), "open", "error", "close").onmessage(event -> {
            String data = (String) event.data();
            int colon = data.indexOf(':');
            int id = Integer.parseInt(data, 0, colon, 10);
            int seq = Integer.parseInt(data, colon + 1, data.length(), 10);
            if (next[id] != seq && wrong.size() < 10) {
                wrong.add("sender " + id + ": expected " + next[id] + " but got " + seq);
            }
            next[id] = seq + 1;
            echoed.countDown();
        });
        WebSocket ws = new WebSocket(Servers.wpt("/echo"), init.build());
        rec.expectOpen();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        long began = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread sender = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    ws.send(id + ":" + i);
                }
            });
            sender.start();
            senders.add(sender);
        }
        start.countDown();
        for (Thread sender : senders) {
            sender.join(TimeUnit.SECONDS.toMillis(120));
        }
        // A bound against a hang, not a speed requirement: the time taken is printed for docs/reliability.md.
        boolean all = echoed.await(300, TimeUnit.SECONDS);
        System.out.printf("load: %d messages from %d threads echoed in %d ms (%s)%n", threads * perThread, threads,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began), Clients.name());
        assertTrue(all, () -> echoed.getCount() + " of " + threads * perThread + " messages never came back; "
                + ws.failure());
        assertTrue(wrong.isEmpty(), () -> "lost, repeated or reordered: " + wrong);
        for (int t = 0; t < threads; t++) {
            assertEquals(perThread, next[t], "every message of sender " + t);
        }
        ws.close(1000);
        rec.expectClose(1000, "", true);
        assertEquals(0, ws.bufferedAmount());
        rec.expectNoMoreEvents();
    }

    @Test
    void listenersGivenInTheInitNeverMissOpenUnderLoad() throws InterruptedException {
        // The first-event race (architecture.md): 4 threads open 50 sockets each at once; every socket's listeners
        // see open, then the server's message, then close, however fast the handshake completes.
        int threads = 4;
        int perThread = 50;
        Recorder.Pair[][] sockets = new Recorder.Pair[threads][perThread];
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> openers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread opener = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    sockets[id][i] = Recorder.open(Servers.wpt("/echo-query?" + id + "-" + i));
                }
            });
            opener.start();
            openers.add(opener);
        }
        start.countDown();
        for (Thread opener : openers) {
            opener.join(TimeUnit.SECONDS.toMillis(30));
        }
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                Recorder.Pair p = sockets[t][i];
                p.rec.expectOpen();
                assertEquals(t + "-" + i, p.rec.expectText());
                p.rec.expectClose(1000, "", true);
            }
        }
    }

    /**
     * The first connects on a fresh container, all at once: Jetty 12.1 initialises its core client lazily without a
     * lock, and a connect racing the first one failed with "WebSocketCoreClient is not started" until the bridge made
     * that initialisation itself, once, under a lock (GenericProvider#readyJetty).
     */
    @Test
    void manyFirstConnectsOnAFreshContainerAllOpen() throws Exception {
        for (int round = 0; round < 5; round++) {
            jakarta.websocket.WebSocketContainer fresh = Clients.freshContainer();
            try {
                List<Recorder.Pair> sockets = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    sockets.add(Recorder.open(Servers.wpt("/echo"), WebSocketInit.builder().container(fresh)));
                }
                for (Recorder.Pair p : sockets) {
                    p.rec.expectOpen();
                    p.ws.close();
                    p.rec.expectClose();
                }
            } finally {
                Clients.release(fresh);
            }
        }
    }

    /**
     * The very first connect of a fresh container abandoned at once (close() while CONNECTING, as a WebSocketGroup
     * does on undeploy) leaves the container usable. (Jetty starts its core client inside that first connect; an
     * interrupt then left it stopped, and every later connect failed with "WebSocketCoreClient is not started".)
     */
    @Test
    void theFirstConnectOfAFreshContainerAbandonedAtOnceLeavesItUsable() throws Exception {
        for (int round = 0; round < 5; round++) {
            jakarta.websocket.WebSocketContainer fresh = Clients.freshContainer();
            try {
                Recorder.Pair abandoned = Recorder.open(Servers.wpt("/echo"), WebSocketInit.builder().container(fresh));
                abandoned.ws.close();
                if (abandoned.rec.nextIf("open").isPresent()) {
                    abandoned.rec.expectClose(); // the open task ran before close(): a normal close
                } else {
                    abandoned.rec.expectFailure();
                }

                Recorder.Pair next = Recorder.open(Servers.wpt("/echo"), WebSocketInit.builder().container(fresh));
                next.rec.expectOpen();
                next.ws.close();
                next.rec.expectClose();
            } finally {
                Clients.release(fresh);
            }
        }
    }

    /**
     * close() while CONNECTING, at every moment of the handshake, 200 times, never harms another open session of the
     * same container. (Interrupting Tyrus's blocking connect mid-handshake made Tyrus shut down the container's
     * executors under the other sessions, whose next send then failed: GenericProvider does not interrupt Tyrus.)
     */
    @Test
    void closeWhileConnectingNeverBreaksAnotherSessionOfTheContainer() {
        Recorder.Pair longLived = Recorder.open(Servers.wpt("/echo"));
        longLived.rec.expectOpen();
        for (int i = 0; i < 200; i++) {
            Recorder.Pair abandoned = Recorder.open(Servers.wpt("/echo"));
            // Sweeps the moment of close() across the handshake (0 to 2.85 ms); nothing waits for an event here.
            java.util.concurrent.locks.LockSupport.parkNanos((i % 20) * 150_000L);
            abandoned.ws.close();
            while (!abandoned.rec.next().event.type().equals("close")) {
                // error (closed while CONNECTING) or open, then close
            }
            longLived.ws.send("still fine " + i);
            assertEquals("still fine " + i, longLived.rec.expectText(), () -> "" + longLived.ws.failure());
        }
        longLived.ws.close();
        longLived.rec.expectClose();
    }

    @Test
    void noBridgeThreadIsLeftAfterEverySocketClosed() throws InterruptedException {
        List<Recorder.Pair> sockets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sockets.add(Recorder.open(Servers.wpt("/echo")));
        }
        for (Recorder.Pair p : sockets) {
            p.rec.expectOpen();
            p.ws.send("x");
            p.rec.expectText();
            p.ws.close();
            p.rec.expectClose();
        }
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("wsbridge-")) {
                assertTrue(t.isDaemon(), t + " must be a daemon thread");
            }
        }
        // Idle bridge threads end after 2 s: join each with a bound.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("wsbridge-")) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        }
        List<String> alive = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).filter(n -> n.startsWith("wsbridge-")).collect(Collectors.toList());
        if (alive.isEmpty()) {
            return;
        }
        fail("Bridge threads still alive 15 s after the last close: " + alive);
    }
}
