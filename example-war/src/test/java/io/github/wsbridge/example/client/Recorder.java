package io.github.wsbridge.example.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.wsbridge.CloseEvent;
import io.github.wsbridge.Event;
import io.github.wsbridge.MessageEvent;
import io.github.wsbridge.WebSocketInit;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Every event of one wsbridge socket, in order, to be taken with bounded waits. Listeners are registered through
 * {@link WebSocketInit} so that none is missed. Thread-safe: the socket's event thread adds, the test thread takes.
 */
final class Recorder {

    private static final long TIMEOUT_SECONDS = 10;

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    /** Adds this recorder's listeners for open, message, error and close to {@code builder}. */
    WebSocketInit.Builder listen(WebSocketInit.Builder builder) {
        for (String type : new String[] {"open", "message", "error", "close"}) {
            builder.addEventListener(type, events::add);
        }
        return builder;
    }

    /** The next event, which must be of {@code type}. */
    Event next(String type) throws InterruptedException {
        Event event = events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(event, "no event within " + TIMEOUT_SECONDS + " s; expected " + type);
        assertEquals(type, event.type(), () -> "expected " + type + ", got " + describe(event));
        return event;
    }

    /** The next event, which must be a message. */
    MessageEvent message() throws InterruptedException {
        return (MessageEvent) next("message");
    }

    /** The next event, which must be the close event. */
    CloseEvent close() throws InterruptedException {
        return (CloseEvent) next("close");
    }

    /** Skips messages until one whose text matches; fails on any other event or after the timeout. */
    String messageWhere(Predicate<String> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            long left = deadline - System.nanoTime();
            Event event = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
            assertNotNull(event, "no message " + what + " within " + TIMEOUT_SECONDS + " s");
            assertEquals("message", event.type(), () -> "expected a message " + what + ", got " + describe(event));
            Object data = ((MessageEvent) event).data();
            if (data instanceof String text && condition.test(text)) {
                return text;
            }
        }
    }

    private static String describe(Event event) {
        if (event instanceof MessageEvent m) {
            return "message " + m.data();
        }
        return event.toString();
    }
}
