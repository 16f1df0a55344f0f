package io.github.wsbridge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /** Names of the live threads in a bridge connect or in Tyrus's connector task. */
    static List<String> inAnyConnect() {
        List<String> names = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            for (StackTraceElement f : e.getValue()) {
                if (bridgeFrame(f) || tyrusConnectorFrame(f)) {
                    names.add(e.getKey().getName());
                    break;
                }
            }
        }
        return names;
    }

    /**
     * Waits, at most {@code bound}, until no more threads are in a connect than {@code before} (taken before the test's
     * own connects, so that a connect another test left winding down does not count); fails naming the threads.
     */
    static void awaitAtMostInConnect(int before, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        List<String> left = inAnyConnect();
        while (left.size() > before && System.nanoTime() < deadline) {
            Thread.sleep(20); // polling a thread dump: there is no event to wait on
            left = inAnyConnect();
        }
        if (left.size() > before) {
            throw new AssertionError("threads still in a connect after " + bound + " (" + before + " before): " + left);
        }
    }
}
