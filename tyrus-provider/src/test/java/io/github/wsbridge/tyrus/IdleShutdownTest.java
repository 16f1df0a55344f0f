package io.github.wsbridge.tyrus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsbridge.WebSocket;
import io.github.wsbridge.WebSocketInit;
import io.github.wsbridge.testing.Await;
import io.github.wsbridge.testing.WptServer;
import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * SHUTDOWN: the shared container's worker threads end by themselves once no connection is left (after
 * {@value TyrusProvider#IDLE_SECONDS} s idle). Run in a fresh JVM, so that no other test's connection keeps the shared
 * transport busy.
 */
class IdleShutdownTest {

    /** The child: one echo round trip through the provider, then wait (bounded) for the worker threads to end. */
    public static void main(String[] args) throws Exception {
        BlockingQueue<String> events = new ArrayBlockingQueue<>(8);
        WebSocket ws = new WebSocket(args[0], WebSocketInit.builder()
                .onopen(e -> events.add("open")).onmessage(e -> events.add("message")).onclose(e -> events.add("close"))
                .build());
        require(events.poll(10, TimeUnit.SECONDS), "open");
        System.out.println("workers while open: " + workers());
        ws.send("x");
        require(events.poll(10, TimeUnit.SECONDS), "message");
        ws.close(1000);
        require(events.poll(10, TimeUnit.SECONDS), "close");
        long closed = System.nanoTime();
        Await.until(() -> workers().isEmpty(), java.time.Duration.ofSeconds(30));
        List<String> left = workers();
        System.out.println("workers left: " + left + " after ms=" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closed));
        System.exit(left.isEmpty() ? 0 : 2);
    }

    private static void require(String got, String expected) {
        if (!expected.equals(got)) {
            System.out.println("expected " + expected + " but got " + got);
            System.exit(3);
        }
    }

    /** The threads of the provider's shared container: Grizzly workers, connector tasks, the timer. */
    private static List<String> workers() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith(TyrusProvider.WORKER_POOL) || n.startsWith(SharedClientManager.CONNECTOR_THREADS)
                        || n.startsWith(SharedClientManager.TIMER_THREAD))
                .sorted().toList();
    }

    @Test
    void theSharedContainersWorkersEndOnceIdle() throws Exception {
        try (WptServer server = WptServer.start()) {
            String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
            File log = File.createTempFile("idle-shutdown", ".log");
            log.deleteOnExit();
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    IdleShutdownTest.class.getName(), server.uri("/echo").toString())
                    .redirectErrorStream(true).redirectOutput(log).start();
            boolean exited = p.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log.toPath());
            System.out.println(output);
            assertTrue(exited, output);
            assertTrue(output.contains("workers while open: [" + TyrusProvider.WORKER_POOL), output);
            assertEquals(0, p.exitValue(), output);
            Matcher after = Pattern.compile("after ms=(\\d+)").matcher(output);
            assertTrue(after.find(), output);
            long ms = Long.parseLong(after.group(1));
            // Idle for IDLE_SECONDS, then Tyrus's and the pools' own checks: well within twice that.
            assertTrue(ms <= 2_000L * TyrusProvider.IDLE_SECONDS, () -> "threads ended " + ms + " ms after the last close");
        }
    }
}
