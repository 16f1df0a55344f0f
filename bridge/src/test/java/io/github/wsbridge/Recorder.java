package io.github.wsbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records a WebSocket's events as they are dispatched, with what the listener saw at that moment (readyState,
 * bufferedAmount, thread), so that asynchronous event order reads as a sequence of assertions. Every wait is bounded.
 * Listeners are registered through {@link WebSocketInit} so that no event is missed.
 */
final class Recorder {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** One dispatched event and the socket's state inside the listener. */
    static final class Recorded {
        final Event event;
        final int readyState;
        final long bufferedAmount;
        final String thread;
        final boolean targetIsSocket;
        final ConnectionFailure failure;

        Recorded(Event event, WebSocket socket) {
            this.event = event;
            this.readyState = socket.readyState();
            this.bufferedAmount = socket.bufferedAmount();
            this.thread = Thread.currentThread().getName();
            this.targetIsSocket = event.target() == socket && event.currentTarget() == socket;
            this.failure = "error".equals(event.type()) ? socket.failure().orElse(null) : null;
        }

        String type() {
            return event.type();
        }

        @Override
        public String toString() {
            return event + " readyState=" + readyState + " bufferedAmount=" + bufferedAmount + " on " + thread
                    + (failure != null ? " " + failure : "");
        }
    }

    private final BlockingQueue<Recorded> events = new LinkedBlockingQueue<>();
    private final List<Recorded> all = new ArrayList<>();
    /** An event {@link #nextIf} looked at but did not consume; the next read returns it first. */
    private Recorded pushedBack;

    /** Registers listeners for open, message, error and close on the builder. */
    WebSocketInit.Builder attach(WebSocketInit.Builder builder) {
        return attach(builder, "open", "message", "error", "close");
    }

    /** Registers listeners for these event types only (a load test checks its million messages itself). */
    WebSocketInit.Builder attach(WebSocketInit.Builder builder, String... types) {
        for (String type : types) {
            builder.addEventListener(type, e -> events.add(new Recorded(e, (WebSocket) e.target())));
        }
        return builder;
    }

    /** Opens a socket with this recorder attached, on this run's container. */
    static Recorder.Pair open(String url, WebSocketInit.Builder builder) {
        Recorder recorder = new Recorder();
        WebSocket socket = new WebSocket(url, recorder.attach(builder).build());
        return new Pair(socket, recorder);
    }

    static Recorder.Pair open(String url) {
        return open(url, Clients.init());
    }

    /** A socket and its recorder. */
    static final class Pair {
        final WebSocket ws;
        final Recorder rec;

        Pair(WebSocket ws, Recorder rec) {
            this.ws = ws;
            this.rec = rec;
        }
    }

    /** The next event, waiting at most {@link #TIMEOUT}. */
    Recorded next() {
        if (pushedBack != null) {
            Recorded r = pushedBack;
            pushedBack = null;
            return r;
        }
        try {
            Recorded r = events.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (r == null) {
                fail("No event within " + TIMEOUT + "; events so far: " + all);
            }
            all.add(r);
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Consumes the next event if it has this type, for an event the standard allows but does not require (such as a
     * message that may or may not be dispatched before a failure); otherwise leaves it for the next expect call.
     */
    Optional<Recorded> nextIf(String type) {
        Recorded r = next();
        if (r.type().equals(type)) {
            return Optional.of(r);
        }
        pushedBack = r;
        return Optional.empty();
    }

    /** The next event, which must be of this type. */
    Recorded next(String type) {
        Recorded r = next();
        assertEquals(type, r.type(), () -> "Expected '" + type + "' but got " + r + "; events so far: " + all);
        assertTrue(r.targetIsSocket, "target and currentTarget are the socket");
        assertTrue(r.event.isTrusted(), "events the socket fires are trusted");
        return r;
    }

    Recorded expectOpen() {
        Recorded r = next("open");
        assertEquals(WebSocket.OPEN, r.readyState, "readyState inside onopen");
        assertEquals(Event.class, r.event.getClass(), "open is a plain Event");
        return r;
    }

    /** The next event is a message; returns its data. */
    Object expectMessage() {
        Recorded r = next("message");
        assertInstanceOf(MessageEvent.class, r.event);
        return ((MessageEvent) r.event).data();
    }

    String expectText() {
        Object data = expectMessage();
        assertInstanceOf(String.class, data, "a text message");
        return (String) data;
    }

    Recorded expectError() {
        Recorded r = next("error");
        assertEquals(Event.class, r.event.getClass(), "error is a plain Event, not an ErrorEvent");
        assertEquals(WebSocket.CLOSED, r.readyState, "readyState inside onerror (checklist item 72)");
        return r;
    }

    CloseEvent expectClose() {
        Recorded r = next("close");
        assertInstanceOf(CloseEvent.class, r.event);
        assertEquals(WebSocket.CLOSED, r.readyState, "readyState inside onclose (checklist item 27)");
        return (CloseEvent) r.event;
    }

    /** The next event is close with these fields. */
    CloseEvent expectClose(int code, String reason, boolean wasClean) {
        CloseEvent close = expectClose();
        assertEquals(code, close.code(), () -> "close code; " + close);
        assertEquals(reason, close.reason(), () -> "close reason; " + close);
        assertEquals(wasClean, close.wasClean(), () -> "wasClean; " + close);
        return close;
    }

    /** The failure sequence: error, then close 1006 "" not clean (checklist item 68 i-m). */
    CloseEvent expectFailure() {
        expectError();
        return expectClose(1006, "", false);
    }

    /** Nothing more is dispatched within a short bounded wait (used after close, whose event is the last). */
    void expectNoMoreEvents() {
        assertNull(pushedBack, () -> "No event may follow close, but got " + pushedBack);
        try {
            Recorded r = events.poll(300, TimeUnit.MILLISECONDS);
            assertNull(r, () -> "No event may follow close, but got " + r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Everything recorded by {@link #next()} so far. */
    List<Recorded> history() {
        return all;
    }

    static void assertFailedWith(WebSocket ws) {
        assertNotNull(ws.failure().orElse(null), "failure() explains the error");
    }

    /** A failure with its whole cause chain and suppressed exceptions, for asserting on what the container said. */
    static String causes(ConnectionFailure failure) {
        StringBuilder all = new StringBuilder(failure.toString());
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = failure.cause(); t != null && seen.add(t); t = t.getCause()) {
            all.append(" <- ").append(t);
            for (Throwable s : t.getSuppressed()) {
                all.append(" (suppressed ").append(s).append(')');
            }
        }
        return all.toString();
    }
}
