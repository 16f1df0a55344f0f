package io.github.wsbridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsbridge.spi.Capability;
import io.github.wsbridge.testing.Frame;
import io.github.wsbridge.testing.RawConnection;
import io.github.wsbridge.testing.RawServer;
import io.github.wsbridge.testing.WptServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code close(code, reason)} and the close event: checklist sections H (items 45-50) and L (items 62-68), on the
 * container this Surefire execution selects ({@link Clients}).
 */
class CloseTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static WptServer wpt;
    private static RawServer raw;

    @BeforeAll
    static void startServers() throws Exception {
        wpt = WptServer.start();
        raw = RawServer.start();
    }

    @AfterAll
    static void stopServers() {
        if (raw != null) {
            raw.close();
        }
        if (wpt != null) {
            wpt.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** An OPEN socket to WptServer's {@code /echo}, its open event consumed. */
    private static Recorder.Pair openEcho() {
        Recorder.Pair p = Recorder.open(wpt.uri("/echo").toString());
        p.rec.expectOpen();
        return p;
    }

    /** A socket to RawServer's {@code /never-answer}, which stays CONNECTING until it is closed. */
    private static Recorder.Pair connecting() {
        Recorder.Pair p = Recorder.open(raw.uri("/never-answer").toString());
        assertEquals(WebSocket.CONNECTING, p.ws.readyState());
        return p;
    }

    /** A socket whose {@code onopen} handler, registered after the recorder's listeners, runs {@code inOpen}. */
    private static Recorder.Pair openWithOnopen(String url, WebSocketInit.Builder builder,
            java.util.function.Consumer<WebSocket> inOpen) {
        Recorder rec = new Recorder();
        WebSocketInit init = rec.attach(builder).onopen(e -> inOpen.accept((WebSocket) e.target())).build();
        return new Recorder.Pair(new WebSocket(url, init), rec);
    }

    /** The raw server's connection to {@code path} whose query has {@code case=tag} (several tests share a path). */
    private static RawConnection rawConnection(String path, String tag) {
        while (true) {
            RawConnection c = raw.nextConnection(path, WAIT);
            if (tag.equals(c.queryParameter("case"))) {
                return c;
            }
        }
    }

    /** Whether this run's container can put a body-less Close on the wire (only Jetty's client can). */
    private static boolean emptyCloseFrame() {
        return Clients.capabilities().contains(Capability.EMPTY_CLOSE_FRAME);
    }

    /**
     * The code the echo server reports back for {@code close()} without arguments: 1005 (checklist item 68a) where an
     * empty Close can be sent, else 1000, the bridge's documented fallback [Amb-13] (see
     * {@link #closeWithoutArgumentsPutsEmptyBodyOrCode1000OnTheWire}).
     */
    private static int echoedCodeOfCloseWithoutArguments() {
        return emptyCloseFrame() ? 1005 : 1000;
    }

    private static void assertCloseEchoed(int code, String reason, String expectedReason) {
        Recorder.Pair p = openEcho();
        p.ws.close(code, reason);
        p.rec.expectClose(code, expectedReason, true);
        p.rec.expectNoMoreEvents();
    }

    private static void assertDomException(String name, Runnable call) {
        DOMException e = assertThrows(DOMException.class, call::run);
        assertEquals(name, e.name(), () -> "DOMException name; " + e);
    }

    // ------------------------------------------------------------------------------- validation (items 45-48)

    /** Item 46: the code is validated first, in every readyState; here CONNECTING (WPT close-invalid, Close-1005). */
    @ParameterizedTest(name = "close({0}) while CONNECTING")
    @ValueSource(ints = {0, 999, 1001, 1005, 2999, 5000, 65535, -1})
    void invalidCodeThrowsInvalidAccessErrorWhileConnecting(int code) {
        Recorder.Pair p = connecting();
        assertDomException(DOMException.INVALID_ACCESS_ERROR, () -> p.ws.close(code));
        assertEquals(WebSocket.CONNECTING, p.ws.readyState(), "a throwing close() changes nothing (item 48)");
        // The throw did not fail the connection: a valid close() now does, as item 49b says.
        p.ws.close();
        p.rec.expectFailure();
        p.rec.expectNoMoreEvents();
    }

    /** Item 46 in OPEN, through close(code, reason) (WPT Close-1005, Close-2999-reason). */
    @ParameterizedTest(name = "close({0}, reason) while OPEN")
    @ValueSource(ints = {0, 999, 1001, 1005, 2999, 5000, 65535, -1})
    void invalidCodeThrowsInvalidAccessErrorWhileOpen(int code) {
        Recorder.Pair p = openEcho();
        assertDomException(DOMException.INVALID_ACCESS_ERROR, () -> p.ws.close(code, "reason"));
        assertEquals(WebSocket.OPEN, p.ws.readyState(), "a throwing close() changes nothing (item 48)");
        p.ws.close(1000);
        p.rec.expectClose(1000, "", true);
        p.rec.expectNoMoreEvents();
    }

    /** Item 47: a reason of 124 bytes throws SyntaxError (WPT Close-Reason-124Bytes). */
    @Test
    void reasonOf124BytesThrowsSyntaxError() {
        Recorder.Pair p = openEcho();
        assertDomException(DOMException.SYNTAX_ERROR, () -> p.ws.close(1000, "a".repeat(124)));
        assertEquals(WebSocket.OPEN, p.ws.readyState());
        p.ws.close(1000);
        p.rec.expectClose(1000, "", true);
        p.rec.expectNoMoreEvents();
    }

    /** Item 47: exactly 123 bytes is fine, and the echo returns the whole reason. */
    @Test
    void reasonOf123BytesIsAccepted() {
        String reason = "a".repeat(123);
        assertCloseEchoed(1000, reason, reason);
    }

    /** Item 47: the limit counts UTF-8 bytes: 41 x U+30ED (3 bytes each) is 123 bytes, so it is accepted. */
    @Test
    void reasonOf41ThreeByteCharactersIs123BytesAndAccepted() {
        String reason = "ロ".repeat(41);
        assertEquals(123, reason.getBytes(StandardCharsets.UTF_8).length);
        assertCloseEchoed(3000, reason, reason);
    }

    /** Item 47: 42 x U+30ED is only 42 UTF-16 units but 126 bytes, so it throws SyntaxError. */
    @Test
    void reasonOf42ThreeByteCharactersIs126BytesAndThrowsSyntaxError() {
        Recorder.Pair p = openEcho();
        assertDomException(DOMException.SYNTAX_ERROR, () -> p.ws.close(1000, "ロ".repeat(42)));
        assertEquals(WebSocket.OPEN, p.ws.readyState());
        p.ws.close(1000);
        p.rec.expectClose(1000, "", true);
        p.rec.expectNoMoreEvents();
    }

    /** Item 47: the code is checked before the reason, so 2999 with 200 bytes is InvalidAccessError (Close-2999-reason). */
    @Test
    void codeIsValidatedBeforeReason() {
        Recorder.Pair p = openEcho();
        assertDomException(DOMException.INVALID_ACCESS_ERROR, () -> p.ws.close(2999, "b".repeat(200)));
        assertEquals(WebSocket.OPEN, p.ws.readyState());
        p.ws.close(1000);
        p.rec.expectClose(1000, "", true);
        p.rec.expectNoMoreEvents();
    }

    /**
     * Item 48: a throwing close() changes nothing: no state change, no Close frame, no event. The socket still echoes a
     * message (a message event is only dispatched in OPEN, item 51); a later close(1000) gives exactly one close event.
     */
    @Test
    void throwingCloseChangesNothing() {
        Recorder.Pair p = openEcho();
        assertDomException(DOMException.INVALID_ACCESS_ERROR, () -> p.ws.close(1005));
        assertDomException(DOMException.SYNTAX_ERROR, () -> p.ws.close(3000, "x".repeat(124)));
        assertEquals(WebSocket.OPEN, p.ws.readyState());
        p.ws.send("still open");
        assertEquals("still open", p.rec.expectText(), "no close event, and the connection still works");
        p.ws.close(1000);
        p.rec.expectClose(1000, "", true);
        p.rec.expectNoMoreEvents();
    }

    // ------------------------------------------------------------------------------- outcomes (items 49, 68)

    /** Item 68b: close(1000, "Clean Close") echoed (WPT Close-1000-verify-code, Close-1000-reason). */
    @Test
    void close1000WithReasonIsEchoedCleanly() {
        assertCloseEchoed(1000, "Clean Close", "Clean Close");
    }

    /** Item 68c: close(3000, r) echoed (WPT Close-3000-verify-code, Close-3000-reason). */
    @Test
    void close3000WithReasonIsEchoedCleanly() {
        assertCloseEchoed(3000, "Clean Close with code - 3000", "Clean Close with code - 3000");
    }

    /** Item 46, upper bound of the application range: close(4999, r) echoed. */
    @Test
    void close4999WithReasonIsEchoedCleanly() {
        assertCloseEchoed(4999, "Clean Close with code - 4999", "Clean Close with code - 4999");
    }

    /** Items 45, 68d: the reason is a USVString, so an unpaired surrogate goes out as U+FFFD (Close-reason-unpaired-surrogates). */
    @Test
    void unpairedSurrogateInReasonBecomesReplacementCharacter() {
        assertCloseEchoed(1000, "\uD807", "\uFFFD");
    }

    /**
     * Item 68a (WPT Close-1005-verify-code, closing-handshake/003): close() with no arguments. The echo returns 1005 only
     * where an empty Close can be sent; on Tyrus and Tomcat the bridge sends 1000 [Amb-13], so 1000 comes back.
     */
    @Test
    void closeWithoutArgumentsReportsTheEchoedCode() {
        Recorder.Pair p = openEcho();
        p.ws.close();
        p.rec.expectClose(echoedCodeOfCloseWithoutArguments(), "", true);
        p.rec.expectNoMoreEvents();
    }

    /** Items 26a, 49c: readyState is CLOSING as soon as close() returns (WPT Close-readyState-Closing, readyState/007). */
    @Test
    void readyStateIsClosingRightAfterClose() {
        Recorder.Pair p = openEcho();
        p.ws.close();
        assertClosingOrClosedFromOutside(p.ws);
        p.rec.expectClose(echoedCodeOfCloseWithoutArguments(), "", true);
        assertEquals(WebSocket.CLOSED, p.ws.readyState());
        p.rec.expectNoMoreEvents();
    }

    /**
     * Read from the test thread, readyState is CLOSING at once and may already be CLOSED: the close task runs on the
     * socket's event thread. That it is exactly CLOSING until that task runs is checked inside a listener
     * ({@link #readyStateIsClosingInsideTheListenerThatCalledClose}) and with a held executor (ConstructorTest).
     */
    private static void assertClosingOrClosedFromOutside(WebSocket ws) {
        int state = ws.readyState();
        assertTrue(state == WebSocket.CLOSING || state == WebSocket.CLOSED, "readyState after close(): " + state);
    }

    /** Items 26a, 82: inside the task that calls close(), readyState is CLOSING; the close task comes after it. */
    @Test
    void readyStateIsClosingInsideTheListenerThatCalledClose() {
        int[] seen = new int[2];
        Recorder rec = new Recorder();
        WebSocket ws = new WebSocket(wpt.uri("/echo").toString(), rec.attach(Clients.init()).onopen(e -> {
            WebSocket s = (WebSocket) e.target();
            s.close(1000);
            seen[0] = s.readyState();
            s.close(3000); // item 49a: nothing happens in CLOSING
            seen[1] = s.readyState();
        }).build());
        rec.expectOpen();
        rec.expectClose(1000, "", true);
        assertEquals(WebSocket.CLOSING, seen[0]);
        assertEquals(WebSocket.CLOSING, seen[1]);
        assertEquals(WebSocket.CLOSED, ws.readyState());
        rec.expectNoMoreEvents();
    }

    /**
     * Items 26a, 29, 49b, 68j: close() while CONNECTING sets CLOSING synchronously, then error and close 1006 "" not
     * clean follow, and never open (WPT close-connecting-async, close-basic).
     */
    @Test
    void closeWhileConnectingFailsTheConnection() {
        Recorder.Pair p = connecting();
        p.ws.close(3000, "ignored");
        assertClosingOrClosedFromOutside(p.ws);
        p.rec.expectFailure();
        p.rec.expectNoMoreEvents();
    }

    /** Items 49a, 63: three close() calls give one close event (WPT close-multiple). */
    @Test
    void closeCalledThreeTimesFiresOneCloseEvent() {
        Recorder.Pair p = openEcho();
        p.ws.close();
        p.ws.close();
        p.ws.close();
        assertClosingOrClosedFromOutside(p.ws);
        p.rec.expectClose(echoedCodeOfCloseWithoutArguments(), "", true);
        p.rec.expectNoMoreEvents();
    }

    /** Items 28, 49a: close() inside onclose keeps readyState CLOSED and nothing more fires (WPT close-nested). */
    @Test
    void closeInsideOncloseKeepsReadyStateClosed() {
        AtomicInteger stateAfterNestedClose = new AtomicInteger(-1);
        Recorder rec = new Recorder();
        WebSocketInit init = rec.attach(Clients.init().onclose(e -> {
            WebSocket ws = (WebSocket) e.target();
            ws.close();
            stateAfterNestedClose.set(ws.readyState());
        })).build(); // onclose before the recorder's listener: it has run when the recorder sees close
        WebSocket ws = new WebSocket(wpt.uri("/echo").toString(), init);
        rec.expectOpen();
        ws.close(1000);
        rec.expectClose(1000, "", true);
        rec.expectNoMoreEvents();
        assertEquals(WebSocket.CLOSED, stateAfterNestedClose.get(), "readyState after close() inside onclose");
        assertEquals(WebSocket.CLOSED, ws.readyState());
    }

    /** Item 68e: the echo server closes 1000 "" after echoing "Goodbye" (WPT Close-server-initiated-close, closing-handshake/002). */
    @Test
    void serverInitiatedCloseAfterGoodbyeIsClean() {
        Recorder.Pair p = openEcho();
        p.ws.send("Goodbye");
        assertEquals("Goodbye", p.rec.expectText());
        p.rec.expectClose(1000, "", true);
        p.rec.expectNoMoreEvents();
    }

    /** Items 64, 68h: the server's Close(4000, UTF-8 "ロボット") is reported as such (WSS-draft WPT remote-close). */
    @Test
    void serverCloseWithCodeAndUtf8ReasonIsReported() {
        String reason = "ロボット";
        Recorder.Pair p = Recorder.open(wpt.uri("/remote-close?code=4000&reason="
                + URLEncoder.encode(reason, StandardCharsets.UTF_8)).toString());
        p.rec.expectOpen();
        p.rec.expectClose(4000, reason, true);
        p.rec.expectNoMoreEvents();
    }

    /**
     * Items 64, 68g: the server's body-less Close is reported as 1005 "" (RFC 6455 §7.1.5; WSS-draft WPT remote-close).
     * Tyrus 2.2 reports it as CloseReason(1000, "Normal closure.") ({@code CloseFrame} rejects a body under 2 bytes and
     * substitutes {@code CloseReasons.NORMAL_CLOSURE}); the generic provider maps that exact stand-in back to 1005.
     * Container limitation: Tomcat 11 reports NORMAL_CLOSURE with an empty reason, the same as a real 1000, so the
     * close event says 1000 there; pinned. Undertow 2.3 too: it answers with {@code WebSockets.sendClose(ByteBuffer)},
     * whose {@code CloseMessage} turns an empty body into (1000, "") and stores that as the channel's close code
     * ({@code FrameHandler.onFullCloseMessage}, {@code CloseMessage(ByteBuffer)}), and {@code UndertowSession.closeInternal}
     * reports the channel's code, so onClose says (1000, "") as for a real Close(1000); pinned.
     */
    @Test
    void serverEmptyCloseIsReportedAs1005() {
        Recorder.Pair p = Recorder.open(wpt.uri("/remote-close").toString());
        p.rec.expectOpen();
        if (Clients.isTomcat() || Clients.isUndertow()) {
            p.rec.expectClose(1000, "", true);
        } else {
            p.rec.expectClose(1005, "", true);
        }
        p.rec.expectNoMoreEvents();
    }

    /**
     * Item 51 [Amb-9]: no message event after close() has returned. The open listener sends 100 messages and closes;
     * the echoes arrive while CLOSING and are dropped, so close is the only event after open.
     */
    @Test
    void noMessageEventAfterCloseReturned() {
        Recorder.Pair p = openWithOnopen(wpt.uri("/echo").toString(), Clients.init(), ws -> {
            for (int i = 0; i < 100; i++) {
                ws.send("message " + i);
            }
            ws.close(1000);
        });
        p.rec.expectOpen();
        p.rec.expectClose(1000, "", true);
        p.rec.expectNoMoreEvents();
    }

    /**
     * Items 64, 67, 68f (WPT opening-handshake/005): the 101 and Close(1001, "PASS") come in one packet; the close event
     * carries them, and the client answered with its own Close(1001, "PASS"), masked.
     */
    @Test
    void serverCloseInTheHandshakePacketIsReportedAndAnswered() {
        Recorder.Pair p = Recorder.open(raw.uri("/simple_handshake?case=answer").toString());
        p.rec.expectOpen();
        p.rec.expectClose(1001, "PASS", true);
        p.rec.expectNoMoreEvents();
        Frame answer = rawConnection("/simple_handshake", "answer").awaitClose(WAIT);
        assertTrue(answer.masked(), "a client's frames are masked");
        assertEquals(1001, answer.closeCode(), () -> "the client's answering Close " + answer);
        assertEquals("PASS", answer.closeReason(), () -> "the client's answering Close " + answer);
    }

    /**
     * Items 49d, 66 (WPT opening-handshake/005): close() inside onopen after the server's Close still reports 1001
     * "PASS". Container limitation on Tyrus, Tomcat and Undertow: when our close() reaches the container before it has
     * parsed the server's Close (which came in the same packet as the 101), it reports onClose at once with OUR code,
     * 1000 "" (as in {@link #serverDroppingTcpInsteadOfAnsweringCloseGivesOneCloseEvent}), so the peer's code is lost.
     * It is a race (about 1 run in 3 on Tyrus, 1 in 6 on Tomcat, 1 in 2 on Undertow, which starts reading only after
     * onOpen has returned, measured): there either outcome is accepted, and it is clean either way; every other
     * container must report the server's code.
     */
    @Test
    void closeInsideOnopenAfterServerCloseReportsTheServerCode() {
        Recorder.Pair p = openWithOnopen(raw.uri("/simple_handshake?case=close-in-onopen").toString(), Clients.init(),
                WebSocket::close);
        p.rec.expectOpen();
        CloseEvent close = p.rec.expectClose();
        assertTrue(close.wasClean(), () -> "wasClean; " + close);
        if ((Clients.isTyrus() || Clients.isTomcat() || Clients.isUndertow()) && close.code() == 1000) {
            assertEquals("", close.reason(), () -> Clients.name() + " reports our own Close(1000); " + close);
        } else {
            assertEquals(1001, close.code(), () -> "the server's code; " + close);
            assertEquals("PASS", close.reason(), () -> "the server's reason; " + close);
        }
        p.rec.expectNoMoreEvents();
        rawConnection("/simple_handshake", "close-in-onopen"); // taken, so later tests on this path get their own
    }

    // ------------------------------------------------------------------------- the Close frame on the wire (49c)

    /**
     * Item 49c, [Amb-13]: close() without arguments must send a Close with an EMPTY body. Only Jetty's client can
     * ({@link Capability#EMPTY_CLOSE_FRAME}): Tyrus rewrites CloseReason 1005 to 1000, and Tomcat would put 1005 itself
     * on the wire (forbidden by RFC 6455 §7.4.1), so on those the bridge sends 1000 instead: a documented container
     * limitation, asserted here byte for byte.
     */
    @Test
    void closeWithoutArgumentsPutsEmptyBodyOrCode1000OnTheWire() {
        if (Clients.isTyrus() || Clients.isTomcat()) {
            assertFalse(emptyCloseFrame(), "Tyrus and Tomcat cannot send a body-less Close");
        }
        byte[] expected = emptyCloseFrame() ? new byte[0] : new byte[] {0x03, (byte) 0xE8};
        Recorder.Pair p = Recorder.open(raw.uri("/echo-close?case=no-args").toString());
        p.rec.expectOpen();
        p.ws.close();
        Frame sent = rawConnection("/echo-close", "no-args").awaitClose(WAIT);
        assertTrue(sent.masked());
        assertArrayEquals(expected, sent.payload(), () -> "Close body on " + Clients.name() + ": " + sent);
        p.rec.expectClose(echoedCodeOfCloseWithoutArguments(), "", true);
        p.rec.expectNoMoreEvents();
    }

    /** Item 49c: close(1000) sends a 2-byte body, 0x03E8. */
    @Test
    void close1000PutsTwoByteBodyOnTheWire() {
        Recorder.Pair p = Recorder.open(raw.uri("/echo-close?case=1000").toString());
        p.rec.expectOpen();
        p.ws.close(1000);
        Frame sent = rawConnection("/echo-close", "1000").awaitClose(WAIT);
        assertTrue(sent.masked());
        assertArrayEquals(new byte[] {0x03, (byte) 0xE8}, sent.payload(), () -> "Close body: " + sent);
        p.rec.expectClose(1000, "", true);
        p.rec.expectNoMoreEvents();
    }

    /** Item 49c: close(3000, "x") sends the code, then the UTF-8 reason: 0x0BB8 'x'. */
    @Test
    void close3000WithReasonPutsCodeThenReasonOnTheWire() {
        Recorder.Pair p = Recorder.open(raw.uri("/echo-close?case=3000x").toString());
        p.rec.expectOpen();
        p.ws.close(3000, "x");
        Frame sent = rawConnection("/echo-close", "3000x").awaitClose(WAIT);
        assertTrue(sent.masked());
        assertArrayEquals(new byte[] {0x0B, (byte) 0xB8, 'x'}, sent.payload(), () -> "Close body: " + sent);
        p.rec.expectClose(3000, "x", true);
        p.rec.expectNoMoreEvents();
    }

    // ----------------------------------------------------------------- transport lost, no Close reply (68 l, m)

    /** Item 68l [Amb-11]: TCP FIN after open, without a Close: the message before it, then error and close 1006. */
    @Test
    void abruptTcpCloseAfterOpenFailsTheConnection() {
        Recorder.Pair p = Recorder.open(raw.uri("/abrupt").toString());
        p.rec.expectOpen();
        assertEquals("hello", p.rec.expectText(), "the message received before the FIN is dispatched");
        p.rec.expectFailure();
        p.rec.expectNoMoreEvents();
        Recorder.assertFailedWith(p.ws);
    }

    /**
     * Item 68l [Amb-11]: TCP RST after open: error and close 1006. The "hello" before the reset may be lost by the TCP
     * stack, so it is allowed but not required.
     */
    @Test
    void abruptTcpResetAfterOpenFailsTheConnection() {
        Recorder.Pair p = Recorder.open(raw.uri("/abrupt-reset").toString());
        p.rec.expectOpen();
        p.rec.nextIf("message").ifPresent(m -> assertEquals("hello", ((MessageEvent) m.event).data()));
        p.rec.expectFailure();
        p.rec.expectNoMoreEvents();
        Recorder.assertFailedWith(p.ws);
    }

    /**
     * Item 68m [Amb-11, Amb-15] (WPT passive-close-abort; WSS-draft "incomplete closing handshake"): we close, the server
     * records our Close and drops TCP without answering. The spec outcome is error + close 1006 "" not clean. Container
     * limitation: Tyrus, Tomcat and Undertow report onClose as soon as WE close, with our own code, without waiting for
     * the server's Close (Undertow: {@code UndertowSession.closeInternal} sends the Close and calls onClose in the same
     * call), so the bridge cannot tell and reports a clean 1000. Either way: exactly one close event, promptly.
     */
    @Test
    void serverDroppingTcpInsteadOfAnsweringCloseGivesOneCloseEvent() {
        Recorder.Pair p = Recorder.open(raw.uri("/passive-close-abort?case=abort").toString(),
                Clients.init().closeTimeout(Duration.ofMillis(500)));
        p.rec.expectOpen();
        long start = System.nanoTime();
        p.ws.close(1000);
        assertEquals(1000, rawConnection("/passive-close-abort", "abort").awaitClose(WAIT).closeCode());
        assertClosedWithoutServerReply(p, start);
    }

    /**
     * Items 50, 68m [Amb-15]: the server records our Close and never answers, keeping TCP open. With closeTimeout 500 ms
     * nothing hangs, and exactly one close event arrives; what it says is pinned per container as above.
     */
    @Test
    void serverNeverAnsweringCloseGivesOneCloseEventWithinTheCloseTimeout() {
        Recorder.Pair p = Recorder.open(raw.uri("/no-close-reply?case=silent").toString(),
                Clients.init().closeTimeout(Duration.ofMillis(500)));
        p.rec.expectOpen();
        long start = System.nanoTime();
        p.ws.close(1000);
        assertEquals(1000, rawConnection("/no-close-reply", "silent").awaitClose(WAIT).closeCode());
        assertClosedWithoutServerReply(p, start);
    }

    private static void assertClosedWithoutServerReply(Recorder.Pair p, long closeCalledAt) {
        if (Clients.isTyrus() || Clients.isTomcat() || Clients.isUndertow()) {
            // Container limitation (see above): onClose(1000) comes at once, so the close event is our own code, clean.
            p.rec.expectClose(1000, "", true);
            assertTrue(p.ws.failure().isEmpty(), "no failure is reported");
        } else {
            // What the standard asks (item 68m): the closing handshake never completes.
            p.rec.expectFailure();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - closeCalledAt);
        assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, () -> "the close event took " + took);
        p.rec.expectNoMoreEvents();
    }

    /** Item 64: the reason is UTF-8 decoded without stripping a BOM. */
    @Test
    void aByteOrderMarkInTheReasonIsKept() {
        Recorder.Pair p = Recorder.open(wpt.uri("/remote-close?code=4000&reason=%EF%BB%BFx").toString());
        p.rec.expectOpen();
        p.rec.expectClose(4000, "\uFEFFx", true);
    }

    /**
     * Item 37: messages sent before close() reach the server before the Close frame: the bridge hands the Close to the
     * container only after the container reported the last message sent. Container limitation, Tyrus 2.2: right after
     * messages, its Close frame sometimes never reaches the wire (Tyrus closes TCP about 1 ms after queueing it; measured
     * 4 in 300 runs with two messages before close(), 0 in 300 without), so on Tyrus a missing Close is tolerated and
     * only the order of what did arrive is checked; everywhere else the Close must arrive.
     */
    @Test
    void messagesSentBeforeCloseGoOutFirst() {
        Recorder.Pair p = Recorder.open(raw.uri("/echo-close?case=order").toString());
        p.rec.expectOpen();
        p.ws.send("one");
        p.ws.send(new byte[] {2});
        p.ws.close(3000, "bye");
        RawConnection c = rawConnection("/echo-close", "order");
        boolean ended = c.awaitEnd(WAIT);
        java.util.List<Frame> frames = c.frames();
        assertTrue(ended, () -> "the connection ends: " + frames);
        assertTrue(frames.size() >= 2, frames::toString);
        assertEquals("one", frames.get(0).text());
        assertEquals(Frame.BINARY, frames.get(1).opcode());
        if (frames.size() == 2) {
            assertTrue(Clients.isTyrus(), () -> "the Close frame never arrived: " + frames);
        } else {
            assertEquals(3, frames.size(), frames::toString);
            assertTrue(frames.get(2).isClose());
            assertEquals(3000, frames.get(2).closeCode());
        }
        // The raw server echoes the messages; echoes dispatched before close() was called are fine, then close. The
        // recorder reads readyState inside the listener: an echo whose task began in OPEN (the check of message
        // steps 1) may see the CLOSING this thread's close() set meanwhile. That no message task starts after close()
        // returned is pinned deterministically by noMessageEventAfterCloseReturned.
        Recorder.Recorded r = p.rec.next();
        while (r.type().equals("message")) {
            Recorder.Recorded message = r;
            assertTrue(r.readyState == WebSocket.OPEN || r.readyState == WebSocket.CLOSING,
                    () -> "a message dispatched in CLOSED: " + message);
            r = p.rec.next();
        }
        assertEquals("close", r.type());
    }

    /**
     * Item 50, [Amb-15]: the closing-handshake timeout starts when close() is called, even while the Close frame waits
     * behind messages a stalled server does not read; then the connection fails with 1006.
     */
    @Test
    void theCloseTimeoutCountsFromCloseEvenBehindAStalledQueue() {
        Recorder.Pair p = Recorder.open(wpt.uri("/slow-reader?ms=5000").toString(),
                Clients.init().closeTimeout(Duration.ofMillis(500)));
        p.rec.expectOpen();
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < 512; i++) {
            p.ws.send(chunk); // 32 MiB: more than loopback buffers take while the server sleeps
        }
        p.ws.close(1000);
        p.rec.expectFailure();
        assertTrue(p.ws.failure().orElseThrow().message().contains("closing handshake"), p.ws.failure().toString());
    }
}
