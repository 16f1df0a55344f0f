package io.github.wsbridge.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Checks {@link WptServer} and {@link RawServer} themselves, with the JDK's {@code java.net.http.WebSocket} and with
 * {@link RawClient} (raw sockets), so that the bridge's conformance tests can trust them.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class TestServersSelfTest {

    static final Duration T = Duration.ofSeconds(5);

    static WptServer wpt;
    static RawServer raw;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        long t0 = System.nanoTime();
        wpt = WptServer.start();
        long t1 = System.nanoTime();
        raw = RawServer.start();
        long t2 = System.nanoTime();
        System.out.printf("WptServer started in %d ms, RawServer in %d ms%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() throws Exception {
        long t0 = System.nanoTime();
        if (wpt != null) {
            wpt.close();
        }
        if (raw != null) {
            raw.close();
        }
        System.out.printf("servers stopped in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    // ------------------------------------------------------------------------------------------------ WptServer

    @Nested
    class Wpt {

        @Test
        void bindsLoopbackOnly() {
            assertTrue(wpt.port() > 0);
            assertEquals(URI.create("ws://127.0.0.1:" + wpt.port() + "/echo?a=b"), wpt.uri("/echo?a=b"));
            assertEquals(URI.create("http://127.0.0.1:" + wpt.port() + "/echo"), wpt.httpUri("/echo"));
            assertThrows(IllegalArgumentException.class, () -> wpt.uri("echo"));
        }

        @Test
        void echoEchoesTextAndBinaryAndSelectsEcho() throws Exception {
            Recorder r = new Recorder();
            WebSocket ws = http.newWebSocketBuilder().subprotocols("chat", "echo").buildAsync(wpt.uri("/echo"), r).get();
            assertEquals("echo", ws.getSubprotocol());
            ws.sendText("hello", true).get();
            assertEquals("text:hello", r.next());
            ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).get();
            assertEquals("binary:[1, 2, 3]", r.next());
            String big = "c".repeat(65_536);
            ws.sendText(big, true).get();
            assertEquals("text:" + big, r.next());
            ws.sendClose(3000, "Clean Close").get();
            assertEquals("close:3000:Clean Close", r.next());
        }

        @Test
        void echoClosesWith1000AfterGoodbye() throws Exception {
            Recorder r = new Recorder();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(wpt.uri("/echo"), r).get();
            ws.sendText("Goodbye", true).get();
            assertEquals("text:Goodbye", r.next());
            assertEquals("close:1000:", r.next());
        }

        @Test
        void echoAnswersABodylessCloseWithABodylessClose() throws Exception {
            try (RawClient c = RawClient.connect(wpt.uri("/echo"), T)) {
                c.send(Frame.CLOSE, new byte[0]);
                Frame reply = c.read();
                assertEquals(Frame.CLOSE, reply.opcode());
                assertFalse(reply.masked());
                assertEquals(0, reply.payload().length, "body-less close must be echoed body-less: " + reply);
                assertEquals(1005, reply.closeCode());
                assertTrue(c.awaitEof());
            }
        }

        @Test
        void echoAnswersACloseWithItsCodeAndReason() throws Exception {
            try (RawClient c = RawClient.connect(wpt.uri("/echo"), T)) {
                byte[] body = Frame.closePayload(1000, "\uFFFD");
                c.send(Frame.CLOSE, body);
                Frame reply = c.read();
                assertArrayEquals(body, reply.payload());
                assertTrue(c.awaitEof());
            }
        }

        @Test
        void echoExitAnswersAnyCloseWith1000Empty() throws Exception {
            try (RawClient c = RawClient.connect(wpt.uri("/echo_exit"), T)) {
                c.send(Frame.TEXT, "not echoed".getBytes(StandardCharsets.UTF_8));
                c.send(Frame.CLOSE, Frame.closePayload(3000, "x"));
                Frame reply = c.read();
                assertArrayEquals(new byte[] {0x03, (byte) 0xE8}, reply.payload(), reply.toString());
                assertTrue(c.awaitEof());
            }
        }

        @Test
        void refusesUnselectedSubprotocolsWith400() throws Exception {
            ExecutionException e = assertThrows(ExecutionException.class, () -> http.newWebSocketBuilder()
                    .subprotocols("chat").buildAsync(wpt.uri("/echo"), new Recorder()).get());
            assertEquals(400, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
            assertEquals(400, status("/echo-query", "Sec-WebSocket-Protocol: echo"));
            assertEquals(400, status("/protocol", "Sec-WebSocket-Protocol: a, b"));
        }

        @Test
        void unknownPathIs404() throws Exception {
            assertEquals(404, status("/"));
            assertEquals(404, status("/does-not-exist"));
            assertEquals(404, status("/echo/"));
        }

        @Test
        void handshakeProtocolAlwaysSendsFoobar() throws Exception {
            for (String requested : new String[] {null, "FOOBAR"}) {
                try (RawClient c = RawClient.open(wpt.uri("/handshake_protocol"), T,
                        requested == null ? new String[0] : new String[] {"Sec-WebSocket-Protocol: " + requested})) {
                    assertEquals(101, c.readResponseHead());
                    assertEquals("foobar", c.responseHeader("Sec-WebSocket-Protocol"), c.responseHead());
                    assertArrayEquals(Frame.closePayload(1000, ""), c.read().payload());
                }
            }
        }

        @Test
        void handshakeNoProtocolOmitsTheHeader() throws Exception {
            try (RawClient c = RawClient.open(wpt.uri("/handshake_no_protocol"), T, "Sec-WebSocket-Protocol: foobar")) {
                assertEquals(101, c.readResponseHead());
                assertNull(c.responseHeader("Sec-WebSocket-Protocol"), c.responseHead());
            }
        }

        @Test
        void echoNegotiatesPermessageDeflateLikePywebsocket() throws Exception {
            try (RawClient c = RawClient.open(wpt.uri("/echo"), T,
                    "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits, permessage-deflate")) {
                assertEquals(101, c.readResponseHead());
                String ext = c.responseHeader("Sec-WebSocket-Extensions");
                assertTrue(ext != null && ext.startsWith("permessage-deflate"), c.responseHead());
            }
        }

        @Test
        void handshakeNoExtensionsOmitsExtensions() throws Exception {
            try (RawClient c = RawClient.open(wpt.uri("/handshake_no_extensions"), T,
                    "Sec-WebSocket-Extensions: permessage-deflate")) {
                assertEquals(101, c.readResponseHead());
                assertNull(c.responseHeader("Sec-WebSocket-Extensions"), c.responseHead());
            }
        }

        @Test
        void basicAuth() throws Exception {
            try (RawClient c = RawClient.open(wpt.uri("/basic_auth"), T)) {
                assertEquals(401, c.readResponseHead());
                assertEquals("Basic realm=\"camelot\"", c.responseHeader("WWW-Authenticate"));
            }
            try (RawClient c = RawClient.connect(wpt.uri("/basic_auth"), T, "Authorization: Basic Zm9vOmJhcg==")) {
                assertEquals(1000, c.read().closeCode());
            }
        }

        @Test
        void remoteClose() throws Exception {
            try (RawClient c = RawClient.connect(wpt.uri("/remote-close"), T)) {
                Frame f = c.read();
                assertTrue(f.isClose());
                assertEquals(0, f.payload().length, f.toString());
            }
            try (RawClient c = RawClient.connect(wpt.uri("/remote-close?code=4000&reason=%E2%82%ACrobot"), T)) {
                Frame f = c.read();
                assertEquals(4000, f.closeCode());
                assertEquals("\u20ACrobot", f.closeReason());
            }
            try (RawClient c = RawClient.connect(wpt.uri("/remote-close?abrupt=1"), T)) {
                assertEquals(Frame.PING, c.read().opcode());
                assertNull(c.read(), "no Close, just EOF");
            }
        }

        @Test
        void passiveCloseAbortAndAbruptDropTcpWithoutClose() throws Exception {
            try (RawClient c = RawClient.connect(wpt.uri("/passive-close-abort"), T)) {
                c.send(Frame.CLOSE, Frame.closePayload(1000, ""));
                assertTrue(c.awaitEof(), "TCP dropped without a Close frame");
            }
            try (RawClient c = RawClient.connect(wpt.uri("/abrupt"), T)) {
                assertTrue(c.awaitEof(), "TCP dropped without a Close frame");
            }
        }

        @Test
        void delayedPassiveCloseWaitsOneSecond() throws Exception {
            try (RawClient c = RawClient.connect(wpt.uri("/delayed-passive-close"), T)) {
                long t0 = System.nanoTime();
                c.send(Frame.CLOSE, new byte[0]);
                Frame reply = c.read();
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(0, reply.payload().length, reply.toString());
                assertTrue(ms >= 900, "answered after " + ms + " ms");
            }
        }

        @Test
        void handshakeSleep2DelaysThe101() throws Exception {
            long t0 = System.nanoTime();
            try (RawClient c = RawClient.connect(wpt.uri("/handshake_sleep_2"), T)) {
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(ms >= 1_900, "101 after " + ms + " ms");
                assertEquals(1000, c.read().closeCode());
            }
        }

        @Test
        void requestEchoes() throws Exception {
            assertEquals(List.of("text:x%00y", "close:1000:"), messages(wpt.uri("/echo-query?x%00y")));
            assertEquals(List.of("text:%C3%A5", "close:1000:"), messages(wpt.uri("/echo-query_v13?%C3%A5")));
            assertEquals(List.of("text:MISSING AS PER FETCH", "close:1000:"), messages(wpt.uri("/referrer")));
            assertEquals(List.of("text:(none)", "close:1000:"), messages(wpt.uri("/echo-cookie")));
            assertEquals(List.of("text:", "close:1000:"), messages(wpt.uri("/origin")));
            assertEquals(List.of("text:foo", "close:1000:"), messages(wpt.uri("/protocol"), "foo"));
            assertEquals(List.of("text:b", "close:1000:"), messages(wpt.uri("/protocol_array"), "b", "a"));
            try (RawClient c = RawClient.connect(wpt.uri("/origin"), T, "Origin: http://example.test")) {
                assertEquals("http://example.test", c.read().text());
            }
        }

        @Test
        void headersListsTheRequestHeaders() throws Exception {
            try (RawClient c = RawClient.connect(wpt.uri("/headers"), T, "X-Extra: one", "X-Extra: two")) {
                String text = c.read().text();
                assertTrue(text.contains("X-Extra: one\n") && text.contains("X-Extra: two\n"), text);
                assertTrue(text.contains("Sec-WebSocket-Version: 13\n"), text);
                assertEquals(1000, c.read().closeCode());
            }
        }

        @Test
        void emptyMessage() throws Exception {
            Recorder r = new Recorder();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(wpt.uri("/empty-message"), r).get();
            ws.sendText("", true).get();
            assertEquals("text:pass", r.next());
            assertEquals("close:1000:", r.next());
        }

        @Test
        void slowReaderRepliesWithLengthsLate() throws Exception {
            Recorder r = new Recorder();
            long t0 = System.nanoTime();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(wpt.uri("/slow-reader?ms=150"), r).get();
            ws.sendText("\uD83D\uDE00ab", true).get();
            ws.sendBinary(ByteBuffer.allocate(5), true).get();
            assertEquals("text:3", r.next());
            assertEquals("text:5", r.next());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 300, "two replies after " + ms + " ms");
            ws.abort();
        }
    }

    // ------------------------------------------------------------------------------------------------ RawServer

    @Nested
    class Raw {

        @Test
        void simpleHandshakeSends101AndCloseInOneWriteAndRecordsTheAnswer() throws Exception {
            try (RawClient c = RawClient.open(raw.uri("/simple_handshake"), T, "Origin: http://example.test")) {
                byte[] buf = new byte[4096];
                int n = c.input().read(buf); // one write on loopback arrives as one read
                String got = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                assertTrue(got.startsWith("HTTP/1.1 101 Switching Protocols:\r\n"), got);
                assertTrue(got.contains("\r\nUpgrade: WebSocket\r\n"), got);
                assertTrue(got.contains("\r\nSec-WebSocket-Origin: http://example.test\r\n"), got);
                byte[] close = FrameIO.encode(Frame.close(1001, "PASS"));
                assertTrue(got.endsWith("\r\n\r\n" + new String(close, StandardCharsets.ISO_8859_1)), got);
                c.send(Frame.CLOSE, Frame.closePayload(1001, "PASS"));
                assertTrue(c.awaitEof());
            }
            RawConnection conn = raw.connection("/simple_handshake", T);
            Frame answer = conn.awaitClose(T);
            assertTrue(answer.masked());
            assertEquals(1001, answer.closeCode());
            assertEquals("PASS", answer.closeReason());
            assertEquals("http://example.test", conn.header("origin"));
        }

        @Test
        void echoCloseRecordsAndEchoesABodylessClose() throws Exception {
            try (RawClient c = RawClient.connect(raw.uri("/echo-close"), T)) {
                c.send(Frame.TEXT, "hi".getBytes(StandardCharsets.UTF_8));
                assertEquals("hi", c.read().text());
                c.send(Frame.CLOSE, new byte[0]);
                assertEquals(0, c.read().payload().length);
                assertTrue(c.awaitEof());
            }
            RawConnection conn = raw.connection("/echo-close", T);
            assertEquals("hi", conn.awaitFrame(T).text());
            Frame close = conn.awaitFrame(T);
            assertTrue(close.isClose() && close.masked() && close.payload().length == 0, close.toString());
            assertTrue(conn.awaitEnd(T));
        }

        @Test
        void jdkClientAgainstRawEcho() throws Exception {
            Recorder r = new Recorder();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(raw.uri("/echo?q=1"), r).get();
            RawConnection conn = raw.nextConnection("/echo", T);
            assertEquals("q=1", conn.query());
            assertEquals("13", conn.header("sec-websocket-version"));
            ws.sendText("hello", true).get();
            assertEquals("text:hello", r.next());
            ws.sendClose(1000, "bye").get();
            assertEquals("close:1000:bye", r.next());
            Frame text = conn.awaitFrame(T);
            assertTrue(text.masked());
            assertEquals("hello", text.text());
            Frame close = conn.awaitClose(T);
            assertEquals(1000, close.closeCode());
            assertEquals("bye", close.closeReason());
        }

        @Test
        void wrongAcceptKeyFailsTheJdkClient() {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> http.newWebSocketBuilder().buildAsync(raw.uri("/wrong_accept_key"), new Recorder()).get());
            assertTrue(e.getCause() instanceof IOException, e.toString());
        }

        @Test
        void httpLevelScripts() throws Exception {
            try (RawClient c = RawClient.open(raw.uri("/invalid"), T)) {
                c.readResponseHead();
                assertEquals("FOO BAR BAZ", c.responseHead());
            }
            try (RawClient c = RawClient.open(raw.uri("/redirect"), T)) {
                assertEquals(301, c.readResponseHead());
                assertEquals("/echo", c.responseHeader("Location"));
            }
            try (RawClient c = RawClient.open(raw.uri("/404"), T)) {
                assertEquals(404, c.readResponseHead());
            }
            try (RawClient c = RawClient.open(raw.uri("/nothing-here"), T)) {
                assertEquals(404, c.readResponseHead());
            }
            try (RawClient c = RawClient.open(raw.uri("/never-answer"), Duration.ofMillis(200))) {
                assertThrows(SocketTimeoutException.class, c::readResponseHead);
            }
            try (RawClient c = RawClient.connect(raw.uri("/handshake-then-close-tcp"), T)) {
                assertNull(c.read());
            }
        }

        @Test
        void badFrameScripts() throws Exception {
            try (RawClient c = RawClient.connect(raw.uri("/reserved-opcode"), T)) {
                assertEquals("test", c.read().text());
                Frame lol = c.read();
                assertEquals(0x3, lol.opcode());
                assertEquals("LOL", lol.text());
            }
            try (RawClient c = RawClient.connect(raw.uri("/invalid-utf8"), T)) {
                assertArrayEquals(new byte[] {(byte) 0xC3, 0x28}, c.read().payload());
            }
            try (RawClient c = RawClient.connect(raw.uri("/masked-frame"), T)) {
                Frame f = c.read();
                assertTrue(f.masked());
                assertEquals("masked", f.text());
            }
            try (RawClient c = RawClient.connect(raw.uri("/big?bytes=70000"), T)) {
                Frame f = c.read();
                assertEquals(Frame.BINARY, f.opcode());
                assertEquals(70_000, f.payload().length);
                assertEquals((byte) 69_999, f.payload()[69_999]);
                assertEquals(1000, c.read().closeCode());
                c.send(Frame.CLOSE, Frame.closePayload(1000, ""));
                assertTrue(c.awaitEof());
            }
            try (RawClient c = RawClient.connect(raw.uri("/echo_raw"), T)) {
                c.send(Frame.BINARY, new byte[] {(byte) 0x81, 0x02, 'o', 'k'});
                assertEquals("ok", c.read().text());
            }
        }

        @Test
        void abruptScripts() throws Exception {
            try (RawClient c = RawClient.connect(raw.uri("/abrupt"), T)) {
                assertEquals("hello", c.read().text());
                assertNull(c.read());
            }
            try (RawClient c = RawClient.connect(raw.uri("/abrupt-reset"), T)) {
                // A reset may discard "hello" before it is read; either way the stream must end in an error, not EOF.
                IOException reset = assertThrows(IOException.class, () -> {
                    for (Frame f = c.read(); f != null; f = c.read()) {
                        assertEquals("hello", f.text());
                    }
                });
                assertFalse(reset instanceof SocketTimeoutException, reset.toString());
            }
            try (RawClient c = RawClient.connect(raw.uri("/passive-close-abort"), T)) {
                c.send(Frame.CLOSE, new byte[0]);
                assertNull(c.read(), "EOF, no Close");
            }
            assertEquals(0, raw.connection("/passive-close-abort", T).awaitClose(T).payload().length);
            assertEquals(List.of(Frame.CLOSE), raw.received("/passive-close-abort").stream().map(Frame::opcode).toList());
        }

        @Test
        void noCloseReplyKeepsTcpOpen() throws Exception {
            try (RawClient c = RawClient.connect(raw.uri("/no-close-reply"), Duration.ofMillis(300))) {
                c.send(Frame.CLOSE, Frame.closePayload(1000, ""));
                RawConnection conn = raw.connection("/no-close-reply", T);
                assertEquals(1000, conn.awaitClose(T).closeCode());
                assertThrows(SocketTimeoutException.class, c::read, "no reply, TCP still open");
                assertFalse(conn.hasEnded());
            }
            assertTrue(raw.connection("/no-close-reply", T).awaitEnd(T), "ends when the client drops TCP");
            assertTrue(raw.connection("/no-close-reply", T).clientClosedTcp());
        }

        @Test
        void webSocketPathWithoutKeyIs400() throws Exception {
            try (Socket s = new Socket("127.0.0.1", raw.port())) {
                s.setSoTimeout(5_000);
                s.getOutputStream().write("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                String head = FrameIO.readHead(s.getInputStream());
                assertTrue(head.startsWith("HTTP/1.1 400 "), head);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    /** Status code of a handshake on {@code wpt} with extra header lines. */
    static int status(String path, String... headers) throws IOException {
        try (RawClient c = RawClient.open(wpt.uri(path), T, headers)) {
            return c.readResponseHead();
        }
    }

    /** Every event of a JDK-client connection until the server's close, with the given subprotocols. */
    static List<String> messages(URI uri, String... subprotocols) throws Exception {
        Recorder r = new Recorder();
        WebSocket.Builder b = http.newWebSocketBuilder();
        if (subprotocols.length > 0) {
            b.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        b.buildAsync(uri, r).get(5, TimeUnit.SECONDS);
        List<String> events = new ArrayList<>();
        do {
            events.add(r.next());
        } while (!events.get(events.size() - 1).startsWith("close:"));
        return events;
    }

    /** A JDK WebSocket listener that queues "text:...", "binary:[...]", "close:code:reason", "error:...". */
    static final class Recorder implements WebSocket.Listener {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        String next() throws InterruptedException {
            String e = events.poll(5, TimeUnit.SECONDS);
            assertNotNull(e, "no event within 5 s");
            return e;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                events.add("text:" + text);
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            binary.writeBytes(b);
            if (last) {
                events.add("binary:" + Arrays.toString(binary.toByteArray()));
                binary.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            events.add("close:" + statusCode + ":" + reason);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            events.add("error:" + error);
        }
    }
}
