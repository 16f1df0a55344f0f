package io.github.wsbridge.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.wsbridge.CloseEvent;
import io.github.wsbridge.Event;
import io.github.wsbridge.MessageEvent;
import io.github.wsbridge.WebSocket;
import io.github.wsbridge.WebSocketInit;
import jakarta.enterprise.concurrent.ManageableThread;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Every event of one socket, in order, with what was true when it was dispatched, to be taken with bounded waits.
 * Listeners are registered through {@link WebSocketInit} so that none is missed. Thread-safe: the socket's event thread
 * adds, the test thread takes.
 */
public final class Recorder {

    /** One dispatched event and the state around it. */
    public record Recorded(Event event, int readyState, long bufferedAmount, String thread, boolean managedThread,
            ClassLoader contextClassLoader, Object extra) {

        public String type() {
            return event.type();
        }

        @Override
        public String toString() {
            String what = event instanceof MessageEvent m ? "message " + m.data()
                    : event instanceof CloseEvent c ? "close " + c.code() + " '" + c.reason() + "' clean=" + c.wasClean()
                    : event.type();
            return what + " (readyState " + readyState + ", on " + thread + ")";
        }
    }

    private static final long TIMEOUT_SECONDS = 15;

    private final BlockingQueue<Recorded> events = new LinkedBlockingQueue<>();
    private final java.util.function.Function<Event, Object> probe;

    /** A recorder. */
    public Recorder() {
        this(event -> null);
    }

    /**
     * A recorder that also runs {@code probe} inside every listener call and keeps its result (or the exception it threw)
     * as {@link Recorded#extra()}: for what application code does in a listener (CDI, JNDI).
     */
    public Recorder(java.util.function.Function<Event, Object> probe) {
        this.probe = probe;
    }

    /** Adds listeners for open, message, error and close to {@code builder}. */
    public WebSocketInit.Builder attach(WebSocketInit.Builder builder) {
        for (String type : new String[] {"open", "message", "error", "close"}) {
            builder.addEventListener(type, this::record);
        }
        return builder;
    }

    /** Opens a socket to {@code url} with this recorder attached. */
    public WebSocket open(String url, WebSocketInit.Builder builder) {
        return new WebSocket(url, attach(builder).build());
    }

    private void record(Event event) {
        WebSocket ws = (WebSocket) event.target();
        Object extra;
        try {
            extra = probe.apply(event);
        } catch (RuntimeException e) {
            extra = e;
        }
        Thread t = Thread.currentThread();
        events.add(new Recorded(event, ws.readyState(), ws.bufferedAmount(), t.getName(), isManaged(t),
                t.getContextClassLoader(), extra));
    }

    private static boolean isManaged(Thread t) {
        try {
            return t instanceof ManageableThread;
        } catch (NoClassDefFoundError e) {
            return false; // a plain JVM without the Concurrency API
        }
    }

    /** The next event, which must be of {@code type}. */
    public Recorded next(String type) {
        Recorded r;
        try {
            r = events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertNotNull(r, "no event within " + TIMEOUT_SECONDS + " s; expected " + type);
        Recorded got = r;
        assertEquals(type, r.type(), () -> "expected " + type + ", got " + got);
        return r;
    }

    /** The next event is {@code open}, dispatched in OPEN. */
    public Recorded open() {
        Recorded r = next("open");
        assertEquals(WebSocket.OPEN, r.readyState(), "readyState in onopen");
        return r;
    }

    /** The next event is a message; its data. */
    public Object message() {
        return ((MessageEvent) next("message").event()).data();
    }

    /** Skips messages until a text one matches; fails on any other event or after the timeout. */
    public String messageWhere(Predicate<String> condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            Object data = message();
            if (data instanceof String text && condition.test(text)) {
                return text;
            }
        }
        throw new AssertionError("no message " + what + " within " + TIMEOUT_SECONDS + " s");
    }

    /** The next event is {@code close} with this code, reason and wasClean, dispatched in CLOSED. */
    public CloseEvent close(int code, String reason, boolean wasClean) {
        Recorded r = next("close");
        CloseEvent close = (CloseEvent) r.event();
        assertEquals(WebSocket.CLOSED, r.readyState(), "readyState in onclose");
        assertEquals(code, close.code(), () -> "code of " + r);
        assertEquals(reason, close.reason(), () -> "reason of " + r);
        assertEquals(wasClean, close.wasClean(), () -> "wasClean of " + r);
        return close;
    }

    /** The next events are {@code error}, then {@code close} 1006, not clean: a failed connection. */
    public void failure() {
        next("error");
        close(1006, "", false);
    }

    /** Skips events until {@code close}; fails if none comes within the timeout. */
    public Recorded untilClose() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            Recorded r;
            try {
                r = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (r != null && r.type().equals("close")) {
                return r;
            }
        }
        throw new AssertionError("no close event within " + TIMEOUT_SECONDS + " s");
    }

    /** Nothing else was dispatched: call after close, which is the last event. */
    public void nothingMore() {
        Recorded extra = events.poll();
        assertEquals(null, extra, () -> "no event may follow close, got " + extra);
    }
}
