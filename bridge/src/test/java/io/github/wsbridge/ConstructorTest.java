package io.github.wsbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Executor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The constructor: URL (checklist items 1-10, [Amb-1]) and protocols (items 11-14, [Amb-2]); asynchrony (items 78, 83). */
class ConstructorTest {

    private static DOMException syntaxError(String url, String... protocols) {
        DOMException e = assertThrows(DOMException.class, () -> new WebSocket(url, Clients.init().protocols(protocols).build()));
        assertEquals("SyntaxError", e.name(), e.getMessage());
        assertEquals(12, e.code());
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws://foo bar.com/", "wss://foo bar.com/", "ws://web platform.test/", "ftp://127.0.0.1/",
        "mailto:x@example.com", "file:///tmp/x", "data:,x", "javascript:alert(1)", "about:blank", "blob:ws://h/x",
        "ws://127.0.0.1/#", "ws://127.0.0.1/#test", "#test", "test", "/echo", "?", "ws://", "ws://127.0.0.1:65536/"})
    void invalidUrlsThrowSyntaxError(String url) {
        // WPT Create-invalid-urls, Create-url-with-space, Create-non-absolute-url (no base URL), items 2, 5, 6
        syntaxError(url);
    }

    @Test
    void httpAndHttpsMapToWsAndWss() {
        // WPT Create-http-urls, item 4; the constructor does not connect synchronously, so https to a closed port is fine
        assertEquals("ws://127.0.0.1:1234/x", new WebSocket("http://127.0.0.1:1234/x", Clients.init().build()).url());
        assertEquals("wss://127.0.0.1:1234/x", new WebSocket("https://127.0.0.1:1234/x", Clients.init().build()).url());
        assertEquals("ws://127.0.0.1/", new WebSocket("http://127.0.0.1:80/", Clients.init().build()).url());
        assertEquals("wss://127.0.0.1/", new WebSocket("wss://127.0.0.1:443", Clients.init().build()).url());
    }

    @Test
    void theUrlIsNormalised() {
        // items 3 and 10: C0 and spaces stripped, scheme and host lowercased, empty path is "/", query percent-encoded
        // as UTF-8, userinfo kept (WPT constructor/018-020, url/001, url/resolve, Create-url-with-windows-1252-encoding)
        assertEquals("ws://example.com:8/", new WebSocket(" WS://EXAMPLE.com:8\u0000", Clients.init().build()).url());
        assertEquals("ws://h:8/?foo%20bar%20baz", new WebSocket("ws://h:8/?foo%20bar baz", Clients.init().build()).url());
        assertEquals("ws://h:8/?%E2%82%AC", new WebSocket("ws://h:8/?\u20ac", Clients.init().build()).url());
        assertEquals("wss://foo:bar@h:8/basic_auth", new WebSocket("wss://foo:bar@h:8/basic_auth", Clients.init().build()).url());
        assertEquals("ws://h:8/x", new WebSocket("ws:h:8/x", Clients.init().build()).url(), "WPT constructor/017");
    }

    @Test
    void relativeUrlsResolveAgainstTheBaseUrl() {
        // [Amb-1]: WebSocketInit.baseUrl plays the API base URL
        WebSocketInit init = Clients.init().baseUrl("http://127.0.0.1:9/a/b").build();
        assertEquals("ws://127.0.0.1:9/a/test", new WebSocket("test", init).url());
        assertEquals("ws://127.0.0.1:9/echo", new WebSocket("/echo", init).url());
        assertEquals("ws://127.0.0.1:9/a/b?x", new WebSocket("?x", init).url());
        DOMException e = assertThrows(DOMException.class, () -> new WebSocket("#frag", init));
        assertEquals("SyntaxError", e.name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\u0000", "\u0001", "\u001f", "\u007f", "\u0080", "\u00ff", "a b", "/echo", "foobar, foobar",
        "a\tb", "(", ")", "<", ">", "@", ",", ";", ":", "\\", "\"", "[", "]", "?", "=", "{", "}"})
    void protocolsMustBeTokens(String protocol) {
        // item 12: WPT constructor/004, /007, /021, Create-nonAscii-protocol-string, Create-protocol-with-space,
        // Create-asciiSep-protocol-string
        syntaxError(Servers.wpt("/echo"), protocol);
    }

    @Test
    void duplicateProtocolsThrowIncludingCaseInsensitiveOnes() {
        // item 13, [Amb-2]: WPT Create-protocols-repeated and Create-protocols-repeated-case-insensitive
        syntaxError(Servers.wpt("/echo"), "echo", "echo");
        syntaxError(Servers.wpt("/echo"), "echo", "eCho");
        assertThrows(DOMException.class, () -> new WebSocket(Servers.wpt("/echo"), "echo", "ECHO"));
    }

    @Test
    void protocolAndExtensionsAreEmptyAndStateIsConnectingWhenTheConstructorReturns() throws InterruptedException {
        // items 1, 24, 59: WPT Create-valid-url-protocol-empty, readyState/001, extensions/001. The open task is held
        // by a manual executor: on loopback it could otherwise run before this thread reads the state.
        ManualExecutor executor = new ManualExecutor();
        Recorder rec = new Recorder();
        WebSocket ws = new WebSocket(Servers.wpt("/echo"),
                rec.attach(Clients.init().protocols("echo").executor(executor)).build());
        assertEquals(WebSocket.CONNECTING, ws.readyState());
        assertEquals("", ws.protocol());
        assertEquals("", ws.extensions());
        assertEquals(0, ws.bufferedAmount());
        assertEquals("blob", ws.binaryType());
        executor.runNext(); // the open task, once the handshake is done
        rec.expectOpen();
        assertEquals("echo", ws.protocol(), "set in the open task");
        ws.close();
        executor.runNext();
        rec.expectClose();
    }

    @Test
    void badPortsFailAsynchronously() {
        // item 8: WPT Create-blocked-port: no exception, then error and close 1006, never open
        for (int port : new int[] {1, 25, 6000}) {
            Recorder.Pair p = Recorder.open("ws://127.0.0.1:" + port + "/", Clients.init()); // does not throw
            p.rec.expectFailure();
            assertTrue(p.ws.failure().orElseThrow().message().contains("bad port"), p.ws.failure().toString());
        }
    }

    /** An executor whose tasks run only when the test says: shows that every event comes from a queued task. */
    static final class ManualExecutor implements Executor {
        private final java.util.concurrent.LinkedBlockingQueue<Runnable> tasks =
                new java.util.concurrent.LinkedBlockingQueue<>();

        @Override
        public void execute(Runnable r) {
            tasks.add(r);
        }

        /** Runs every task queued now. */
        void runAll() {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
        }

        /** Waits (bounded) for the next task and runs it. */
        void runNext() throws InterruptedException {
            Runnable task = tasks.poll(Recorder.TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            if (task == null) {
                throw new AssertionError("no task queued within " + Recorder.TIMEOUT);
            }
            task.run();
        }
    }

    @Test
    void noEventFiresInsideTheConstructorOrClose() {
        // items 78, 83 and WPT close-connecting-async: a bad port fails at once, yet nothing is dispatched until the
        // socket's executor runs the queued tasks; close() during CONNECTING likewise only queues
        ManualExecutor executor = new ManualExecutor();
        Recorder rec = new Recorder();
        WebSocket ws = new WebSocket("ws://127.0.0.1:1/", rec.attach(Clients.init().executor(executor)).build());
        assertEquals(WebSocket.CONNECTING, ws.readyState(), "the failure is only queued");
        ws.close();
        assertEquals(WebSocket.CLOSING, ws.readyState(), "close() during CONNECTING sets CLOSING synchronously");
        assertTrue(rec.history().isEmpty());
        executor.runAll();
        rec.expectFailure();
        rec.expectNoMoreEvents();
    }

    @Test
    void nullArgumentsFailFastWithTheirName() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> new WebSocket((String) null));
        assertEquals("url", e.getMessage());
        assertThrows(NullPointerException.class, () -> new WebSocket("ws://h/", (WebSocketInit) null));
        assertThrows(NullPointerException.class, () -> WebSocketInit.builder().protocols("a", null));
    }

    @Test
    void headersThatWouldBreakOrInjectIntoTheHandshakeAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> WebSocketInit.builder().header("X-A", "v\r\nX-B: w"));
        assertThrows(IllegalArgumentException.class, () -> WebSocketInit.builder().header("X A", "v"));
        assertThrows(IllegalArgumentException.class, () -> WebSocketInit.builder().header("Sec-WebSocket-Key", "v"));
        assertThrows(IllegalArgumentException.class, () -> WebSocketInit.builder().header("X-A", "v\u0000w"));
        assertThrows(IllegalArgumentException.class, () -> WebSocketInit.builder().header("X-A\r\nX-B", "v"));
        for (String owned : new String[] {"Host", "upgrade", "CONNECTION", "Sec-WebSocket-Version", "Sec-WebSocket-X"}) {
            IllegalArgumentException owns = assertThrows(IllegalArgumentException.class,
                    () -> WebSocketInit.builder().header(owned, "v"), owned);
            assertTrue(owns.getMessage().contains("handshake itself"), owns.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WebSocketInit.builder().header("sec-websocket-protocol", "chat"));
        assertTrue(e.getMessage().contains("protocols("), e.getMessage());
        assertFalse(WebSocketInit.builder().header("Origin", "http://example.com").build().headers().isEmpty());
    }

    @Test
    void theReadyStateConstantsAreTheStandardsValues() {
        // item 24: WPT constants/001
        assertEquals(0, WebSocket.CONNECTING);
        assertEquals(1, WebSocket.OPEN);
        assertEquals(2, WebSocket.CLOSING);
        assertEquals(3, WebSocket.CLOSED);
    }

    @Test
    void aConstructorThatThrowsConnectsNowhereAndCallsNoListener() throws java.io.IOException {
        // item 7: errors are thrown before any network activity and fire no events
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(300);
            Recorder rec = new Recorder();
            WebSocketInit init = rec.attach(Clients.init()).protocols("a", "a").build();
            assertThrows(DOMException.class, () -> new WebSocket("ws://127.0.0.1:" + server.getLocalPort() + "/", init));
            assertThrows(java.net.SocketTimeoutException.class, server::accept, "no connection was attempted");
            rec.expectNoMoreEvents();
        }
    }
}
