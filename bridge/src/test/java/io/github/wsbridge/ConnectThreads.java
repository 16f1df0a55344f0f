package io.github.wsbridge;

import io.github.wsbridge.testing.Await;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which live threads are parked in a WebSocket connect: the bridge's own connect attempt (generic provider) or Tyrus's
 * connector task (which waits for the handshake response on a Tyrus pool thread).
 */
final class ConnectThreads {

    private ConnectThreads() {
    }

    static boolean bridgeFrame(StackTraceElement f) {
        return f.getClassName().startsWith("io.github.wsbridge.internal.GenericProvider$Attempt");
    }

    static boolean tyrusConnectorFrame(StackTraceElement f) {
        return f.getClassName().startsWith("org.glassfish.tyrus.client.ClientManager");
    }

    /** The live threads in a bridge connect or in Tyrus's connector task. */
    static Set<Thread> inAnyConnect() {
        Set<Thread> threads = new HashSet<>();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            for (StackTraceElement f : e.getValue()) {
                if (bridgeFrame(f) || tyrusConnectorFrame(f)) {
                    threads.add(e.getKey());
                    break;
                }
            }
        }
        return threads;
    }

    /** The threads in a connect now that were not in one at {@code before}. */
    static Set<Thread> newSince(Set<Thread> before) {
        Set<Thread> now = inAnyConnect();
        now.removeAll(before);
        return now;
    }

    /**
     * Waits, at most {@code bound}, until no thread is in a connect that was not in one at {@code before} (taken before
     * the test's own connects, so that a connect another test left winding down does not count); fails naming them.
     */
    static void awaitNoNewInConnect(Set<Thread> before, Duration bound) throws InterruptedException {
        if (!Await.until(() -> newSince(before).isEmpty(), bound)) {
            throw new AssertionError("threads still in a connect after " + bound + ": " + newSince(before));
        }
    }
}
