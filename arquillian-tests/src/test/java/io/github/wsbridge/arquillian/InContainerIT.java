package io.github.wsbridge.arquillian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsbridge.Blob;
import io.github.wsbridge.CloseEvent;
import io.github.wsbridge.ConnectionFailure;
import io.github.wsbridge.MessageEvent;
import io.github.wsbridge.WebSocket;
import io.github.wsbridge.WebSocketInit;
import io.github.wsbridge.arquillian.Recorder.Recorded;
import io.github.wsbridge.arquillian.app.Greeter;
import io.github.wsbridge.arquillian.app.WebSockets;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs inside the server. The bridge, with the server's own {@code WebSocketContainer} (the one a web application gets
 * from {@link ContainerProvider}), talks to {@link io.github.wsbridge.arquillian.app.TestEndpoints} in the same WAR; the
 * core conformance scenarios of docs/conformance.md, then what an enterprise application needs: events on the server's
 * {@link ManagedExecutorService}, CDI and JNDI from listeners, and the {@link WebSockets} bean.
 */
@ExtendWith(ArquillianExtension.class)
class InContainerIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.inContainer();
    }

    @ArquillianResource
    URL base;

    @Inject
    WebSockets sockets;

    private final Map<WebSocket, Recorder> opened = new LinkedHashMap<>();

    /** Closes what a test left open and waits (bounded) for its close event, so no socket outlives its test. */
    @AfterEach
    void closeAll() {
        opened.forEach((socket, events) -> {
            socket.close();
            if (socket.readyState() != WebSocket.CLOSED) {
                events.untilClose();
            }
        });
    }

    private String ws(String path) {
        return base.toString().replaceFirst("^http", "ws") + path;
    }

    /** A socket on the server's own container, events on the managed executor, the recorder attached. */
    private WebSocket open(String path, Recorder recorder, WebSocketInit.Builder builder) {
        WebSocket socket = recorder.open(ws(path), builder);
        opened.put(socket, recorder);
        return socket;
    }

    private WebSocket open(String path, Recorder recorder) {
        return open(path, recorder, sockets.init());
    }

    /** The server this WAR was built for. */
    private static Server server() {
        // The application's class loader: on GlassFish embedded the test classes are also on the JVM's class path.
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(Server.RESOURCE)) {
            return Server.byId(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------- the server's client

    @Test
    void theBridgeUsesTheServersOwnClientContainer() {
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        assertEquals(server().clientContainer(), container.getClass().getName());

        // Without container(...), the bridge finds the same one; with it, it uses the one given.
        for (WebSocketInit.Builder builder : List.of(sockets.init(), sockets.init().container(container))) {
            Recorder events = new Recorder();
            WebSocket socket = open("echo", events, builder);
            events.open();
            socket.send("on " + container.getClass().getSimpleName());
            assertEquals("on " + container.getClass().getSimpleName(), events.message());
            socket.close();
            events.close(1000, "", true);
        }
        System.out.println("[wsbridge] " + server().id() + ": in-container client " + container.getClass().getName());
    }

    // ------------------------------------------------------------------------------- core conformance scenarios

    @Test
    void openThenEchoTextAndBinaryThenCloseInOrder() {
        Recorder events = new Recorder();
        // The managed executor behind a gate until the constructor's result is read: on loopback the open task could
        // otherwise run before this thread reads CONNECTING.
        Gate gate = new Gate(sockets.init().build().executor());
        WebSocket socket = open("echo", events, sockets.init().executor(gate));
        assertEquals(WebSocket.CONNECTING, socket.readyState());
        assertEquals(ws("echo"), socket.url());
        gate.open();
        events.open();
        assertEquals("", socket.protocol());
        assertEquals("", socket.extensions());

        socket.send("hello, wörld \uD83D\uDE00");
        assertEquals("hello, wörld \uD83D\uDE00", events.message());

        assertEquals("blob", socket.binaryType());
        socket.send(new byte[] {1, 2, 3});
        Blob blob = assertInstanceOf(Blob.class, events.message(), "binaryType blob gives a Blob");
        assertEquals(3, blob.size());
        assertArrayEquals(new byte[] {1, 2, 3}, bytes(blob.arrayBuffer().join()));

        socket.binaryType("nonsense");
        assertEquals("blob", socket.binaryType(), "an unknown binaryType is ignored");
        socket.binaryType("arraybuffer");
        socket.send(ByteBuffer.wrap(new byte[] {4, 5}));
        ByteBuffer buffer = assertInstanceOf(ByteBuffer.class, events.message(), "arraybuffer gives a ByteBuffer");
        assertArrayEquals(new byte[] {4, 5}, bytes(buffer));

        socket.close(1000, "done");
        // close() set CLOSING before it returned. This thread is not one of the socket's tasks: on loopback the close
        // task may already have run on the managed executor and made it CLOSED. That readyState is exactly CLOSING
        // until that task runs is pinned inside a listener, in the next test.
        int state = socket.readyState();
        assertTrue(state == WebSocket.CLOSING || state == WebSocket.CLOSED, "readyState after close(): " + state);
        events.close(1000, "done", true);
        events.nothingMore();
    }

    /** Items 26a, 82: inside the listener that calls close(), readyState is CLOSING; the close task comes after it. */
    @Test
    void readyStateIsClosingInsideTheListenerThatCalledClose() {
        Recorder events = new Recorder(event -> {
            if (event instanceof MessageEvent message && "close me".equals(message.data())) {
                WebSocket target = (WebSocket) event.target();
                target.close(1000, "asked");
                return target.readyState();
            }
            return null;
        });
        WebSocket socket = open("echo", events);
        events.open();
        socket.send("close me");
        Recorded message = events.next("message");
        assertEquals(WebSocket.CLOSING, message.extra(), "readyState right after close() in the listener");
        assertEquals(WebSocket.CLOSING, message.readyState(), "readyState when the listener returned");
        events.close(1000, "asked", true);
        events.nothingMore();
    }

    /** Keeps the tasks it is given until {@link #open()}, then passes them, and every later one, to {@code next}. */
    private static final class Gate implements Executor {
        private final Executor next;
        private List<Runnable> held = new ArrayList<>(); // guarded by this; null once open

        Gate(Executor next) {
            this.next = next;
        }

        @Override
        public void execute(Runnable task) {
            synchronized (this) {
                if (held != null) {
                    held.add(task);
                    return;
                }
            }
            next.execute(task);
        }

        void open() {
            List<Runnable> tasks;
            synchronized (this) {
                tasks = held;
                held = null;
            }
            tasks.forEach(next::execute);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    @Test
    void closeCodesAndReasonsComeBackFromTheServer() {
        Object[][] cases = {{1000, ""}, {1000, "bye"}, {3000, "x"}, {4000, "ロボット"}, {4999, "r".repeat(123)}};
        for (Object[] c : cases) {
            Recorder events = new Recorder();
            WebSocket socket = open("echo", events);
            events.open();
            socket.close((Integer) c[0], (String) c[1]);
            events.close((Integer) c[0], (String) c[1], true);
            events.nothingMore();
        }
    }

    /**
     * close() without a code: a body-less Close, which the peer reports as 1005. Neither Tyrus nor Undertow can send
     * one through the Jakarta API, so the bridge sends 1000 there (docs/conformance.md, [Amb-13]) and the echo is 1000.
     */
    @Test
    void closeWithoutACodeIsEchoedAs1000OnTheseContainers() {
        Recorder events = new Recorder();
        WebSocket socket = open("echo", events);
        events.open();
        socket.close();
        events.close(1000, "", true);
    }

    @Test
    void theServerClosesWithItsCodeAndReason() {
        for (int code : new int[] {1000, 1001, 4000}) {
            Recorder events = new Recorder();
            WebSocket socket = open("echo", events);
            events.open();
            socket.send("close:" + code + ":server says " + code);
            events.close(code, "server says " + code, true);
            assertEquals(WebSocket.CLOSED, socket.readyState());
            events.nothingMore();
        }
    }

    @Test
    void aRefusedHandshakeIsErrorThenClose1006() {
        Recorder events = new Recorder();
        WebSocket socket = open("no-such-endpoint", events);
        events.failure();
        events.nothingMore();
        assertEquals(WebSocket.CLOSED, socket.readyState());
        ConnectionFailure failure = socket.failure().orElseThrow();
        System.out.println("[wsbridge] " + server().id() + ": refused handshake: " + failure);
        assertEquals(404, failure.httpStatus().orElse(-1), failure::toString);
    }

    @Test
    void theServerChoosesASubprotocolFromTheRequestedOnes() {
        Recorder events = new Recorder();
        WebSocket socket = open("protocols", events, sockets.init().protocols("x-unknown", "superchat", "chat"));
        events.open();
        assertEquals("superchat", socket.protocol());
        assertEquals("chosen:superchat", events.message());
    }

    /**
     * Items 41, 42: inside the task that sent them, 100 KiB are counted exactly (no fall is applied while a task runs);
     * by the close event, which comes after the Close frame that followed them, it is 0.
     */
    @Test
    void bufferedAmountCountsWhatIsQueuedAndFallsToZero() {
        String kib = "k".repeat(1024);
        Recorder events = new Recorder(event -> {
            if (event.type().equals("open")) {
                WebSocket target = (WebSocket) event.target();
                for (int i = 0; i < 100; i++) {
                    target.send(kib);
                }
                return target.bufferedAmount();
            }
            return null;
        });
        WebSocket socket = open("echo", events);
        assertEquals(100L * 1024, events.open().extra(), "right after the sends, inside onopen");
        for (int i = 0; i < 100; i++) {
            assertEquals(kib, events.message());
        }
        socket.close(1000);
        Recorded close = events.next("close");
        assertEquals(0, close.bufferedAmount(), "everything was on the wire before the Close frame");
        assertEquals(1000, ((CloseEvent) close.event()).code());
        events.nothingMore();
    }

    // ------------------------------------------------------------------ the server's threads, CDI and naming

    @Test
    void eventsRunOnTheManagedExecutorWithTheApplicationsContext() {
        ClassLoader application = Thread.currentThread().getContextClassLoader(); // the test runs in a request
        Recorder events = new Recorder(event -> {
            // What application code does in a listener: a CDI bean, a java:comp lookup.
            String greeting = CDI.current().select(Greeter.class).get().greet(event.type());
            try {
                Object executor = new InitialContext().lookup("java:comp/DefaultManagedExecutorService");
                return greeting + "|" + (executor instanceof ManagedExecutorService);
            } catch (NamingException e) {
                return e;
            }
        });
        WebSocket socket = open("echo", events);
        List<Recorded> all = new ArrayList<>();
        all.add(events.open());
        socket.send("ping");
        all.add(events.next("message"));
        socket.close();
        all.add(events.next("close"));
        for (Recorded r : all) {
            assertTrue(r.managedThread(), () -> r + " ran on a thread the server manages");
            assertFalse(r.thread().startsWith("wsbridge-"), r::toString);
            assertSame(application, r.contextClassLoader(), () -> r + " ran with the application's class loader");
            assertEquals("hello " + r.type() + "|true", r.extra(), () -> r + ": CDI and JNDI from the listener");
        }
        System.out.println("[wsbridge] " + server().id() + ": events on " + all.get(0).thread());
    }

    @Test
    void theWebSocketsBeanGroupsTheApplicationsSockets() {
        int before = sockets.open();
        Recorder events = new Recorder();
        WebSocket socket = open("echo", events);
        events.open();
        assertEquals(before + 1, sockets.open());
        socket.close();
        events.close(1000, "", true);
        // A socket leaves its group before its close task is queued.
        assertEquals(before, sockets.open());
    }
}
