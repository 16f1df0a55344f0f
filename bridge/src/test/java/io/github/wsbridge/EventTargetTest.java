package io.github.wsbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * EventTarget and event handler semantics (checklist items 75-77): the DOM's listener list and dispatch, and HTML's event
 * handler attributes, on a plain target that uses the same machinery as {@link WebSocket}.
 */
class EventTargetTest {

    /** A target without a connection, sharing WebSocket's listener list implementation. */
    static final class Target implements EventTarget {
        final List<Throwable> reported = new ArrayList<>();
        final EventListenerList list = new EventListenerList(reported::add);
        final EventListenerList.Handler<Event> onopen = list.new Handler<>("open", Event.class);

        @Override
        public void addEventListener(String type, EventListener<Event> listener) {
            list.add(type, listener, false, false);
        }

        @Override
        public void addEventListener(String type, EventListener<Event> listener, AddEventListenerOptions options) {
            list.add(type, listener, options.capture(), options.once());
        }

        @Override
        public void removeEventListener(String type, EventListener<Event> listener) {
            list.remove(type, listener, false);
        }

        @Override
        public void removeEventListener(String type, EventListener<Event> listener, boolean capture) {
            list.remove(type, listener, capture);
        }

        @Override
        public boolean dispatchEvent(Event event) {
            return list.dispatch(event, this);
        }
    }

    private final Target target = new Target();
    private final List<String> calls = new ArrayList<>();

    @Test
    void dispatchEventIsSynchronousAndSetsTargetAndPhase() {
        Event event = new Event("open");
        target.addEventListener("open", e -> {
            calls.add("listener");
            assertSame(target, e.target());
            assertSame(target, e.currentTarget());
            assertEquals(Event.AT_TARGET, e.eventPhase());
            assertFalse(e.isTrusted(), "dispatchEvent events are untrusted");
        });
        assertTrue(target.dispatchEvent(event));
        assertEquals(List.of("listener"), calls, "the listener ran before dispatchEvent returned (WPT events/008)");
        assertEquals(Event.NONE, event.eventPhase());
        assertEquals(null, event.currentTarget());
        assertSame(target, event.target());
    }

    @Test
    void duplicatesAreIgnoredButCaptureMakesADifferentListener() {
        EventListener<Event> l = e -> calls.add("l");
        target.addEventListener("open", l);
        target.addEventListener("open", l);
        target.dispatchEvent(new Event("open"));
        assertEquals(1, calls.size());
        target.addEventListener("open", l, new AddEventListenerOptions().capture(true));
        target.dispatchEvent(new Event("open"));
        assertEquals(3, calls.size());
    }

    @Test
    void removeEventListener() {
        EventListener<Event> l = e -> calls.add("l");
        target.addEventListener("open", l);
        target.removeEventListener("open", l);
        target.dispatchEvent(new Event("open"));
        assertEquals(List.of(), calls, "WPT events/019");
    }

    @Test
    void onceListenerRunsOnce() {
        target.addEventListener("open", e -> calls.add("once"), new AddEventListenerOptions().once(true));
        target.dispatchEvent(new Event("open"));
        target.dispatchEvent(new Event("open"));
        assertEquals(List.of("once"), calls);
    }

    @Test
    void listenersAddedDuringDispatchDoNotRunAndRemovedOnesAreSkipped() {
        EventListener<Event> later = e -> calls.add("later");
        EventListener<Event> added = e -> calls.add("added");
        target.addEventListener("open", e -> {
            calls.add("first");
            target.removeEventListener("open", later);
            target.addEventListener("open", added);
        });
        target.addEventListener("open", later);
        target.dispatchEvent(new Event("open"));
        assertEquals(List.of("first"), calls);
        calls.clear();
        target.dispatchEvent(new Event("open"));
        assertEquals(List.of("first", "added"), calls);
    }

    @Test
    void aThrowingListenerIsReportedAndTheOthersStillRun() {
        RuntimeException boom = new RuntimeException("boom");
        target.addEventListener("open", e -> {
            throw boom;
        });
        target.addEventListener("open", e -> calls.add("second"));
        target.dispatchEvent(new Event("open"));
        assertEquals(List.of("second"), calls);
        assertEquals(List.of(boom), target.reported);
    }

    @Test
    void stopImmediatePropagationSkipsTheRest() {
        target.addEventListener("open", e -> {
            calls.add("first");
            e.stopImmediatePropagation();
        });
        target.addEventListener("open", e -> calls.add("second"));
        target.dispatchEvent(new Event("open"));
        assertEquals(List.of("first"), calls);
    }

    @Test
    void handlerKeepsItsPositionWhenReassignedAndMovesWhenReset() {
        // WPT events/016 and HTML "activate an event handler": #1 listener, #2 onopen, #3 listener.
        target.addEventListener("open", e -> calls.add("1"));
        target.onopen.set(e -> calls.add("2"));
        target.addEventListener("open", e -> calls.add("3"));
        target.dispatchEvent(new Event("open"));
        assertEquals(List.of("1", "2", "3"), calls);

        calls.clear();
        target.onopen.set(e -> calls.add("2'"));
        target.dispatchEvent(new Event("open"));
        assertEquals(List.of("1", "2'", "3"), calls, "reassignment keeps the original position");

        calls.clear();
        target.onopen.set(null);
        target.dispatchEvent(new Event("open"));
        assertEquals(List.of("1", "3"), calls, "null removes the handler");

        calls.clear();
        target.onopen.set(e -> calls.add("2''"));
        target.dispatchEvent(new Event("open"));
        assertEquals(List.of("1", "3", "2''"), calls, "a new non-null value after null goes to the end");
    }

    @Test
    void handlerGetterReturnsTheValueSet() {
        assertEquals(null, target.onopen.get(), "handlers start as null (WPT events/001)");
        EventListener<Event> h = e -> { };
        target.onopen.set(h);
        assertSame(h, target.onopen.get());
    }

    @Test
    void dispatchingAnEventTwiceAtOnceIsAnInvalidStateError() {
        Event event = new Event("open");
        List<DOMException> thrown = new ArrayList<>();
        target.addEventListener("open", e -> thrown.add(assertThrows(DOMException.class, () -> target.dispatchEvent(e))));
        target.dispatchEvent(event);
        assertEquals("InvalidStateError", thrown.get(0).name());
    }

    @Test
    void anImplicitlyTypedLambdaReceivesTheEventAsEvent() {
        MessageEvent message = new MessageEvent("message", "data", "ws://h");
        target.addEventListener("message", e -> calls.add((String) ((MessageEvent) e).data()));
        target.dispatchEvent(message);
        assertEquals(List.of("data"), calls);
    }

    @Test
    void aTypedHandlerGivenTheWrongEventClassReportsItAndTheOthersRun() {
        EventListenerList.Handler<MessageEvent> onmessage = target.list.new Handler<>("message", MessageEvent.class);
        onmessage.set(e -> calls.add("handler"));
        target.addEventListener("message", e -> calls.add("listener"));
        target.dispatchEvent(new Event("message"));
        assertEquals(List.of("listener"), calls);
        assertEquals(1, target.reported.size());
        assertTrue(target.reported.get(0).getMessage().contains("takes a MessageEvent"), target.reported.toString());
    }

    @Test
    void captureListenersRunBeforeTheOthersAtTheTarget() {
        // DOM "dispatch": at the target, capture listeners first (a WebSocket has no ancestors, so only order changes)
        target.addEventListener("open", e -> calls.add("bubble"));
        target.addEventListener("open", e -> calls.add("capture"), new AddEventListenerOptions().capture(true));
        target.dispatchEvent(new Event("open"));
        assertEquals(List.of("capture", "bubble"), calls);
    }

    @Test
    void dispatchEventMakesAnEventUntrusted() {
        // DOM dispatchEvent step 2, even for an event the socket once fired
        WebSocket ws = new WebSocket("ws://127.0.0.1:1/", Clients.init().build());
        Event event = new Event("custom");
        event.markTrusted();
        List<Boolean> trusted = new ArrayList<>();
        ws.addEventListener("custom", e -> trusted.add(e.isTrusted()));
        ws.dispatchEvent(event);
        assertEquals(List.of(false), trusted);
    }
}
