package io.github.wsbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The "thread used for callbacks" column of docs/containers.md: which threads this run's container calls a Jakarta
 * endpoint on (measured with a plain endpoint on the same container), and that with no executor given the bridge runs
 * message events there (no thread hand-off) and open and close on its own threads.
 */
class ContainerThreadsTest {

    @Test
    void containerCallbackThreadsAndTheBridgesEventThreads() throws Exception {
        Map<String, String> threads = new ConcurrentHashMap<>();
        CountDownLatch closed = new CountDownLatch(1);
        Endpoint endpoint = new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                threads.put("onOpen", Thread.currentThread().getName());
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) m -> {
                    threads.put("onMessage", Thread.currentThread().getName());
                    try {
                        session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                session.getAsyncRemote().sendText("hello");
            }

            @Override
            public void onClose(Session session, CloseReason reason) {
                threads.put("onClose", Thread.currentThread().getName());
                closed.countDown();
            }
        };
        Thread caller = new Thread(() -> {
            try {
                Clients.container().connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(),
                        Servers.wpt().uri("/echo"));
            } catch (Exception e) {
                threads.put("failure", e.toString());
            }
        }, "the-connecting-thread");
        caller.start();
        caller.join(TimeUnit.SECONDS.toMillis(10));
        assertTrue(closed.await(10, TimeUnit.SECONDS), () -> "no onClose: " + threads);
        assertEquals(null, threads.get("failure"));
        System.out.println("container-threads: client=" + Clients.name() + " onOpen=" + threads.get("onOpen")
                + " onMessage=" + threads.get("onMessage") + " onClose=" + threads.get("onClose"));
        // The docs/containers.md row, as measured: onOpen's thread, and the one messages arrive on.
        String[] expected;
        switch (Clients.name()) {
            case "tyrus":
                expected = new String[] {"Grizzly\\(\\d+\\)", "Grizzly\\(\\d+\\)"};
                break;
            case "wsbridge-tyrus":
                expected = new String[] {"tyrus-client-worker\\(\\d+\\)", "tyrus-client-worker\\(\\d+\\)"};
                break;
            case "tomcat":
                expected = new String[] {"the-connecting-thread", "WebSocketClient-AsyncIO-\\d+"};
                break;
            case "jetty":
                expected = new String[] {"WebSocket@\\d+-\\d+", "WebSocket@\\d+-\\d+"};
                break;
            default:
                expected = new String[] {"the-connecting-thread", "XNIO-\\d+ task-\\d+"};
                break;
        }
        assertTrue(threads.get("onOpen").matches(expected[0]), () -> "onOpen on " + threads);
        assertTrue(threads.get("onMessage").matches(expected[1]), () -> "onMessage on " + threads);

        Recorder.Pair p = Recorder.open(Servers.wpt("/echo"));
        assertNotNull(p.rec.expectOpen());
        int onContainer = 0;
        for (int i = 0; i < 10; i++) {
            p.ws.send("x");
            p.rec.expectText();
        }
        p.ws.close();
        p.rec.expectClose();
        for (Recorder.Recorded r : p.rec.history()) {
            if (r.event.type().equals("message") && r.thread.matches(expected[1])) {
                onContainer++;
            } else {
                assertTrue(r.thread.startsWith("wsbridge-event-"), () -> "an event on neither the container's message"
                        + " thread nor the bridge's: " + r);
            }
        }
        assertTrue(onContainer > 0, () -> "no message event on the container's message thread: " + p.rec.history());
        // The docs/containers.md row: sends go to the container on the caller's thread except on Tomcat, whose
        // asynchronous send waits until the socket has taken every byte (WsRemoteEndpointImplClient.doWrite).
        assertEquals(!Clients.name().equals("tomcat"),
                Clients.capabilities().contains(io.github.wsbridge.spi.Capability.NON_BLOCKING_SEND), Clients.name());
    }
}
