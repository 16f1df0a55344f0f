package io.github.wsbridge.tyrus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsbridge.CloseEvent;
import io.github.wsbridge.MessageEvent;
import io.github.wsbridge.WebSocket;
import io.github.wsbridge.WebSocketInit;
import io.github.wsbridge.internal.Providers;
import io.github.wsbridge.spi.Capability;
import io.github.wsbridge.spi.WebSocketProvider;
import io.github.wsbridge.testing.RawConnection;
import io.github.wsbridge.testing.RawServer;
import io.github.wsbridge.testing.WptServer;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The provider itself: found by ServiceLoader and preferred, its capabilities, an application's own ClientManager, and
 * a connect that parks no bridge thread. (The bridge's whole conformance suite also runs through this provider: the
 * Surefire configuration scans the bridge's test-jar.)
 */
class TyrusProviderTest {

    private static WptServer server;

    @BeforeAll
    static void start() throws Exception {
        server = WptServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Events of one socket, in order, with bounded waits. */
    private static final class Events {
        final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();

        WebSocketInit.Builder attach(WebSocketInit.Builder b) {
            return b.onopen(e -> queue.add("open")).onmessage(e -> queue.add(e)).onerror(e -> queue.add("error"))
                    .onclose(e -> queue.add(e));
        }

        Object next() throws InterruptedException {
            Object e = queue.poll(10, TimeUnit.SECONDS);
            assertNotNull(e, "no event within 10 s");
            return e;
        }
    }

    @Test
    void serviceLoaderFindsTheProviderAndItWinsOverTheGenericOne() {
        assertTrue(Providers.installed().stream().anyMatch(p -> p instanceof TyrusProvider), Providers.installed()::toString);
        WebSocketProvider chosen = Providers.select(null, null);
        assertInstanceOf(TyrusProvider.class, chosen);
        assertSame(chosen, Providers.select("tyrus", null), "one shared instance");
        assertEquals(EnumSet.of(Capability.ASYNC_CONNECT, Capability.CONNECT_TIMEOUT, Capability.PROXY,
                Capability.TLS_CONTEXT, Capability.SHUTDOWN, Capability.NON_BLOCKING_SEND), chosen.capabilities());
        assertInstanceOf(ClientManager.class, chosen.container());
        assertSame(chosen.container(), chosen.container(), "one shared container");
    }

    @Test
    void anApplicationsClientManagerIsUsedAsItIsWithoutTouchingItsProperties() throws Exception {
        ClientManager own = ClientManager.createClient();
        Map<String, Object> before = Map.copyOf(own.getProperties());
        WebSocketProvider bound = Providers.select(null, own);
        assertInstanceOf(TyrusProvider.class, bound);
        assertSame(own, bound.container());
        assertEquals(EnumSet.of(Capability.ASYNC_CONNECT, Capability.TLS_CONTEXT, Capability.NON_BLOCKING_SEND),
                bound.capabilities());

        Events events = new Events();
        WebSocket ws = new WebSocket(server.uri("/echo").toString(), events.attach(WebSocketInit.builder().container(own))
                .build());
        assertEquals("open", events.next());
        ws.send("mine");
        assertEquals("mine", ((MessageEvent) events.next()).data());
        ws.close(1000, "done");
        CloseEvent close = (CloseEvent) events.next();
        assertEquals(1000, close.code());
        assertEquals(before, own.getProperties(), "the application's properties are left alone");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new WebSocket(
                server.uri("/echo").toString(), WebSocketInit.builder().container(own).proxy("http://127.0.0.1:1").build()));
        assertTrue(e.getMessage().contains("proxy(...)") && e.getMessage().contains("tyrus"), e.getMessage());
    }

    @Test
    void theTyrusProviderRefusesAContainerOfAnotherKind() throws Exception {
        WebSocketContainer jetty = jettyContainer();
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new WebSocket(server.uri("/echo").toString(),
                            WebSocketInit.builder().container(jetty).provider("tyrus").build()));
            assertTrue(e.getMessage().contains("cannot drive") && e.getMessage().contains(jetty.getClass().getName()),
                    e.getMessage());
            assertEquals("generic", Providers.select(null, jetty).name(), "without a name, generic drives it");
        } finally {
            ((org.eclipse.jetty.util.component.LifeCycle) jetty).stop();
        }
    }

    /** The test server's Jetty jars bring Jetty's client container, a real container that is not Tyrus's. */
    private static WebSocketContainer jettyContainer() throws ReflectiveOperationException {
        for (ContainerProvider p : ServiceLoader.load(ContainerProvider.class)) {
            if (p.getClass().getName().startsWith("org.eclipse.jetty.")) {
                Method get = ContainerProvider.class.getDeclaredMethod("getContainer");
                get.setAccessible(true);
                return (WebSocketContainer) get.invoke(p);
            }
        }
        throw new IllegalStateException("Jetty's ContainerProvider is not on the test class path");
    }

    /**
     * ASYNC_CONNECT: 20 handshakes that each take 2 s (the server delays its 101) are pending at once, and no caller or
     * bridge thread waits for any of them. Tyrus's own connector tasks do, on Tyrus's pool: printed, as a figure.
     */
    @Test
    void pendingConnectsParkNoBridgeThread() throws Exception {
        List<Events> all = new ArrayList<>();
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Events events = new Events();
            all.add(events);
            sockets.add(new WebSocket(server.uri("/handshake_sleep_2").toString(), events.attach(WebSocketInit.builder())
                    .build()));
        }
        // All 20 are CONNECTING now (the server holds each 101 for 2 s).
        for (WebSocket ws : sockets) {
            assertEquals(WebSocket.CONNECTING, ws.readyState());
        }
        // A thread that waits for a handshake in a blocking connect has connectToServer on its stack (the generic
        // provider's attempt); Tyrus's connector task waits inside ClientManager's inner classes instead.
        List<String> bridge = threadsWith(f -> f.getMethodName().equals("connectToServer")
                || f.getClassName().startsWith("io.github.wsbridge.internal.GenericProvider"));
        List<String> tyrus = threadsWith(f -> f.getClassName().startsWith("org.glassfish.tyrus.client.ClientManager$"));
        int connectors = ((SharedClientManager) Providers.select(null, null).container()).connectorThreads();
        System.out.println("pending connects: 20; bridge threads in a connect: " + bridge.size()
                + "; Tyrus connector threads waiting: " + tyrus.size() + " (at most " + connectors + ")");
        assertEquals(List.of(), bridge, "no bridge thread waits for a handshake");
        // Tyrus's own connector task waits for each handshake response on a thread of the provider's bounded pool;
        // connects beyond the pool's size queue.
        assertTrue(!tyrus.isEmpty() && tyrus.size() <= connectors, () -> "Tyrus connector threads: " + tyrus);
        for (Events events : all) {
            assertEquals("open", events.next());
            assertEquals(1000, ((CloseEvent) events.next()).code()); // /handshake_sleep_2 closes 1000 after opening
        }
    }

    private static List<String> threadsWith(java.util.function.Predicate<StackTraceElement> frame) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            if (e.getKey() == Thread.currentThread()) {
                continue;
            }
            for (StackTraceElement f : e.getValue()) {
                if (frame.test(f)) {
                    names.add(e.getKey().getName() + " at " + f);
                    break;
                }
            }
        }
        return names;
    }

    /**
     * Pinned limitation: Tyrus's shared transport has no handshake-timeout handler, so the TCP connection of a
     * handshake that never completes stays open after the socket failed at its connect timeout (the connector thread
     * itself returns). The server here accepts TCP and never answers; the connection is still open 2 s later.
     */
    @Test
    void aTimedOutHandshakeLeavesItsTcpConnectionOpen() throws Exception {
        try (RawServer raw = RawServer.start()) {
            Events events = new Events();
            new WebSocket(raw.uri("/never-answer").toString(),
                    events.attach(WebSocketInit.builder().connectTimeout(java.time.Duration.ofMillis(300))).build());
            assertEquals("error", events.next());
            assertEquals(1006, ((CloseEvent) events.next()).code());
            RawConnection tcp = raw.nextConnection("/never-answer", java.time.Duration.ofSeconds(5));
            assertTrue(!tcp.awaitEnd(java.time.Duration.ofSeconds(2)),
                    "Tyrus keeps the timed-out handshake's TCP connection open (until the server closes it)");
        }
    }
}
