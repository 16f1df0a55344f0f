package io.github.wsbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsbridge.testing.Frame;
import io.github.wsbridge.testing.RawConnection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The opt-in keep-alive ({@link WebSocketInit.Builder#pingInterval}, {@link WebSocketInit.Builder#pongTimeout}), on
 * this run's container ({@link Clients}): Pings go out on the interval, a peer that answers them stays open, a silent
 * peer ends in {@code error} then {@code close} 1006 with a failure that says "no pong within".
 */
class KeepAliveTest {

    private static final Duration T = Duration.ofSeconds(10);

    /** An open socket to the raw server's {@code path}, pinging every {@code intervalMs}. */
    private static Recorder.Pair openWithKeepAlive(String path, int intervalMs, int pongTimeoutMs) {
        Recorder.Pair p = Recorder.open(Servers.raw(path), Clients.init().pingInterval(Duration.ofMillis(intervalMs))
                .pongTimeout(Duration.ofMillis(pongTimeoutMs)));
        p.rec.expectOpen();
        return p;
    }

    @Test
    void aSilentPeerFailsTheConnectionWithNoPong() {
        Recorder.Pair p = openWithKeepAlive("/ignore-pings", 200, 300);
        RawConnection server = Servers.raw().connection("/ignore-pings", T);
        Frame ping = server.awaitFrame(T);
        assertEquals(Frame.PING, ping.opcode(), () -> "the first frame from the client is a Ping: " + ping);
        p.rec.expectFailure();
        p.rec.expectNoMoreEvents();
        assertEquals(WebSocket.CLOSED, p.ws.readyState());
        String why = p.ws.failure().orElseThrow().message();
        assertTrue(why.contains("no pong within PT0.3S"), why);
    }

    /**
     * A peer that answers every Ping (the raw server's /echo) is never taken as dead: six Pings at 100 ms reach it,
     * spanning more than twice the 250 ms Pong timeout, and the socket is still open, without an event, and echoes.
     */
    @Test
    void aPeerThatAnswersPingsStaysOpen() {
        Recorder.Pair p = openWithKeepAlive("/echo", 100, 250);
        RawConnection server = Servers.raw().connection("/echo", T);
        for (int pings = 0; pings < 6; ) {
            if (server.awaitFrame(T).opcode() == Frame.PING) {
                pings++;
            }
        }
        p.rec.expectNoMoreEvents();
        assertEquals(WebSocket.OPEN, p.ws.readyState(), () -> "" + p.ws.failure());
        p.ws.send("still here");
        assertEquals("still here", p.rec.expectText());
        p.ws.close(1000);
        p.rec.expectClose(1000, "", true);
        p.rec.expectNoMoreEvents();
    }

    @Test
    void keepAliveIsOffByDefaultAndAPongTimeoutNeedsAnInterval() {
        WebSocketInit defaults = WebSocketInit.builder().build();
        assertNull(defaults.pingInterval());
        assertNull(defaults.pongTimeout());
        assertEquals(Duration.ofSeconds(5),
                WebSocketInit.builder().pingInterval(Duration.ofSeconds(5)).build().pongTimeout(),
                "the pong timeout defaults to the interval");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WebSocketInit.builder().pongTimeout(Duration.ofSeconds(1)).build());
        assertTrue(e.getMessage().contains("pingInterval"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WebSocketInit.builder().pingInterval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> WebSocketInit.builder().pongTimeout(Duration.ofSeconds(-1)));
    }
}
