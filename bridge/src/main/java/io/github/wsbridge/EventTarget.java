package io.github.wsbridge;

/**
 * The DOM's {@code EventTarget} interface (DOM Standard §2.7), implemented by {@link WebSocket}.
 *
 * <p>Listeners are kept per event type in registration order; adding a (type, listener, capture) triple that is already
 * registered does nothing. {@link #dispatchEvent(Event)} is synchronous: it runs the listeners on the calling thread and
 * returns after the last one.
 */
public interface EventTarget {

    /** Appends a listener for events of the given type; a duplicate (type, listener, capture false) is ignored. */
    void addEventListener(String type, EventListener<Event> listener);

    /** Appends a listener with options ({@code once}, {@code capture}, {@code passive}); a duplicate is ignored. */
    void addEventListener(String type, EventListener<Event> listener, AddEventListenerOptions options);

    /** Removes the listener registered for (type, listener, capture false), if any. */
    void removeEventListener(String type, EventListener<Event> listener);

    /** Removes the listener registered for (type, listener, capture), if any. */
    void removeEventListener(String type, EventListener<Event> listener, boolean capture);

    /**
     * Dispatches an untrusted event synchronously to this target's listeners.
     *
     * @return false if the event is cancelable and a listener called {@link Event#preventDefault()}, true otherwise
     * @throws DOMException "InvalidStateError" if the event is already being dispatched
     */
    boolean dispatchEvent(Event event);
}
