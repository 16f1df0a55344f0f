package io.github.wsbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsbridge.testing.Frame;
import io.github.wsbridge.testing.RawConnection;
import io.github.wsbridge.testing.RawServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link WebSocketGroup}: "make disappear" (checklist item 80, the Java counterpart of a document being unloaded) for
 * every socket of a group, on this run's container.
 */
class WebSocketGroupTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static RawServer raw;

    @BeforeAll
    static void startServer() throws Exception {
        raw = RawServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (raw != null) {
            raw.close();
        }
    }

    private static Recorder.Pair open(WebSocketGroup group, String path) {
        return Recorder.open(raw.uri(path).toString(), Clients.init().group(group));
    }

    @Test
    void anOpenSocketIsClosedWith1001AfterWhatWasSentBefore() {
        WebSocketGroup group = new WebSocketGroup();
        Recorder.Pair p = open(group, "/echo-close?case=group-open");
        p.rec.expectOpen();
        RawConnection server = raw.connection("/echo-close", WAIT);
        assertEquals(1, group.size());

        p.ws.send("last words");
        group.close();

        // close() set CLOSING before group.close() returned; this thread is not one of the socket's tasks, so by the time
        // it reads, the whole handshake (no hand-off left on Tyrus, Jetty, Undertow) may already be done: CLOSED.
        int state = p.ws.readyState();
        assertTrue(state == WebSocket.CLOSING || state == WebSocket.CLOSED, "the closing handshake has started: " + state);
        assertEquals("last words", server.awaitFrame(WAIT).text(), "messages sent before go out first");
        Frame close = server.awaitClose(WAIT);
        assertEquals(1001, close.closeCode(), () -> "the peer sees Going Away: " + close);
        assertEquals("", close.closeReason());
        // The echo of "last words" is dropped if it arrives in CLOSING (message steps 1). This thread is not one of the
        // socket's tasks, so the echo may also have arrived, and been dispatched in OPEN, before group.close() ran.
        p.rec.nextIf("message");
        p.rec.expectClose(1001, "", true);
        p.rec.expectNoMoreEvents();
        assertEquals(0, group.size(), "a closed socket leaves its group");
    }

    @Test
    void aConnectingSocketFailsWithErrorThenClose1006() {
        WebSocketGroup group = new WebSocketGroup();
        Recorder.Pair p = open(group, "/never-answer?case=group-connecting");
        assertEquals(WebSocket.CONNECTING, p.ws.readyState());

        group.close();

        p.rec.expectFailure();
        p.rec.expectNoMoreEvents();
        assertEquals(WebSocket.CLOSED, p.ws.readyState());
        assertEquals(0, group.size());
    }

    @Test
    void aSocketAlreadyClosingIsLeftAsItIs() {
        WebSocketGroup group = new WebSocketGroup();
        Recorder.Pair p = Recorder.open(raw.uri("/no-close-reply?case=group-closing").toString(),
                Clients.init().group(group).closeTimeout(Duration.ofMillis(500)));
        p.rec.expectOpen();
        RawConnection server = raw.nextConnection("/no-close-reply", WAIT);
        p.ws.close(4000, "mine");

        group.close();

        // CLOSING since close(4000); CLOSED already if this container reports the close at once (see below).
        assertTrue(p.ws.readyState() >= WebSocket.CLOSING, "readyState " + p.ws.readyState());
        // The peer never answers: the close event follows our own close, or the closing-handshake timeout, by
        // container (see CloseTest#serverNeverAnsweringCloseGivesOneCloseEventWithinTheCloseTimeout).
        p.rec.nextIf("error");
        p.rec.next("close");
        p.rec.expectNoMoreEvents();
        assertEquals(4000, server.awaitClose(WAIT).closeCode());
        // A second Close would have gone out in group.close(), before the close event: give it 300 ms to arrive.
        assertThrows(AssertionError.class, () -> server.awaitFrame(Duration.ofMillis(300)),
                () -> "only our own Close may go out: " + server.frames());
        assertEquals(0, group.size());
    }

    @Test
    void aSocketThatEndedBeforeIsNotTouched() {
        WebSocketGroup group = new WebSocketGroup();
        Recorder.Pair p = open(group, "/echo-close?case=group-ended");
        p.rec.expectOpen();
        p.ws.close(1000, "done");
        p.rec.expectClose(1000, "done", true);
        assertEquals(0, group.size());

        group.close();

        p.rec.expectNoMoreEvents();
        assertEquals(WebSocket.CLOSED, p.ws.readyState());
    }

    @Test
    void aClosedGroupRefusesNewSocketsAndSaysSo() {
        WebSocketGroup group = new WebSocketGroup();
        assertFalse(group.isClosed());
        group.close();
        group.close();
        assertTrue(group.isClosed());

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new WebSocket(raw.uri("/echo").toString(), Clients.init().group(group).build()));
        assertTrue(e.getMessage().contains("WebSocketGroup was closed"), e.getMessage());
        assertEquals(0, group.size());
        assertThrows(NullPointerException.class, () -> WebSocketInit.builder().group(null));
    }
}
