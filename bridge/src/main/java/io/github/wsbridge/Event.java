package io.github.wsbridge;

import java.util.Objects;

/**
 * The DOM's {@code Event} interface (DOM Standard §2.2 "Interface Event").
 *
 * <p>The {@code open} and {@code error} events of a {@link WebSocket} are plain {@code Event}s, as the WHATWG WebSockets
 * Standard requires (its §"Feedback from the protocol" and the close task). Events the bridge fires are trusted
 * ({@link #isTrusted()}), do not bubble and are not cancelable; events made with {@code new Event(type)} and passed to
 * {@link EventTarget#dispatchEvent(Event)} are not trusted.
 *
 * <p>Thread-safety: an event is meant to be dispatched once, on one thread; its dispatch flags are not synchronized. Its
 * immutable attributes ({@link #type()}, {@link #timeStamp()}...) may be read from any thread once the event was handed
 * over safely.
 */
public class Event {

    /** {@link #eventPhase()} when the event is not being dispatched. */
    public static final int NONE = 0;
    /** {@link #eventPhase()} during the capture phase (never used by a WebSocket, which has no parent). */
    public static final int CAPTURING_PHASE = 1;
    /** {@link #eventPhase()} while the event is dispatched to listeners of its target. */
    public static final int AT_TARGET = 2;
    /** {@link #eventPhase()} during the bubble phase (never used by a WebSocket). */
    public static final int BUBBLING_PHASE = 3;

    private static final long TIME_ORIGIN = System.nanoTime();

    private final String type;
    private final boolean bubbles;
    private final boolean cancelable;
    private final double timeStamp;

    private boolean trusted;
    private EventTarget target;
    private EventTarget currentTarget;
    private int eventPhase = NONE;
    private boolean dispatching;
    private boolean stopPropagation;
    private boolean stopImmediatePropagation;
    private boolean canceled;

    /** {@code new Event(type)}: bubbles and cancelable are false, as with the DOM's default {@code EventInit}. */
    public Event(String type) {
        this(type, false, false);
    }

    /** {@code new Event(type, {bubbles, cancelable})}. */
    public Event(String type, boolean bubbles, boolean cancelable) {
        this.type = Objects.requireNonNull(type, "type");
        this.bubbles = bubbles;
        this.cancelable = cancelable;
        this.timeStamp = (System.nanoTime() - TIME_ORIGIN) / 1_000_000.0;
    }

    /** The event's type, for example {@code "open"}. */
    public String type() {
        return type;
    }

    /** The object the event is (or was last) dispatched to, or {@code null} before dispatch. */
    public EventTarget target() {
        return target;
    }

    /** The object whose listeners are being invoked; {@code null} outside of dispatch. */
    public EventTarget currentTarget() {
        return currentTarget;
    }

    /** {@link #NONE} outside of dispatch, {@link #AT_TARGET} while a {@link WebSocket}'s listeners run. */
    public int eventPhase() {
        return eventPhase;
    }

    /** Whether the event bubbles; false for every event a WebSocket fires. */
    public boolean bubbles() {
        return bubbles;
    }

    /** Whether the event is cancelable; false for every event a WebSocket fires. */
    public boolean cancelable() {
        return cancelable;
    }

    /** True if {@link #preventDefault()} was called on a cancelable event. */
    public boolean defaultPrevented() {
        return canceled;
    }

    /** True for events the bridge fires, false for events created by application code. */
    public boolean isTrusted() {
        return trusted;
    }

    /** Milliseconds since this JVM loaded the class, with sub-millisecond precision (the DOM's relative high resolution time). */
    public double timeStamp() {
        return timeStamp;
    }

    /** Sets the canceled flag if the event is cancelable (it never is for WebSocket events). */
    public void preventDefault() {
        if (cancelable) {
            canceled = true;
        }
    }

    /** Sets the stop propagation flag. A WebSocket has no ancestors, so this only matters to composed targets. */
    public void stopPropagation() {
        stopPropagation = true;
    }

    /** Sets the stop propagation and stop immediate propagation flags: listeners after the current one are skipped. */
    public void stopImmediatePropagation() {
        stopPropagation = true;
        stopImmediatePropagation = true;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[type=" + type + ", trusted=" + trusted + "]";
    }

    // ---- dispatch support, used by EventListenerList (same package) ----

    final boolean dispatching() {
        return dispatching;
    }

    final boolean stopImmediatePropagationFlag() {
        return stopImmediatePropagation;
    }

    final void markTrusted() {
        trusted = true;
    }

    /** DOM {@code dispatchEvent} step 2: initialize event's isTrusted attribute to false. */
    final void markUntrusted() {
        trusted = false;
    }

    /** DOM "dispatch" steps 1-5 for a target without parents: set the dispatch flag, target and phase. */
    final void beginDispatch(EventTarget dispatchTarget) {
        dispatching = true;
        target = dispatchTarget;
        currentTarget = dispatchTarget;
        eventPhase = AT_TARGET;
    }

    /** DOM "dispatch" steps 10-12: reset phase, current target, the dispatch and propagation flags. */
    final void endDispatch() {
        eventPhase = NONE;
        currentTarget = null;
        dispatching = false;
        stopPropagation = false;
        stopImmediatePropagation = false;
    }
}
