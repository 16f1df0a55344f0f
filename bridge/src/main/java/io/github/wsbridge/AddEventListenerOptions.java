package io.github.wsbridge;

/**
 * The DOM's {@code AddEventListenerOptions} dictionary (DOM Standard §2.7 "Interface EventTarget"), as a small fluent object:
 * {@code new AddEventListenerOptions().once(true)}.
 *
 * <p>{@code capture} takes part in the identity of a listener (a listener added with capture true and again with capture
 * false is registered twice) but changes nothing else on a target without ancestors, such as a {@link WebSocket}.
 * {@code passive} only matters to cancelable events, which a WebSocket never fires. Not thread-safe; pass a finished object.
 */
public final class AddEventListenerOptions {

    private boolean capture;
    private boolean once;
    private boolean passive;

    /** All options false. */
    public AddEventListenerOptions() {
    }

    /** Sets {@code capture}; returns this. */
    public AddEventListenerOptions capture(boolean value) {
        this.capture = value;
        return this;
    }

    /** Sets {@code once}: the listener is removed before it is first invoked. Returns this. */
    public AddEventListenerOptions once(boolean value) {
        this.once = value;
        return this;
    }

    /** Sets {@code passive}; returns this. */
    public AddEventListenerOptions passive(boolean value) {
        this.passive = value;
        return this;
    }

    /** The {@code capture} option. */
    public boolean capture() {
        return capture;
    }

    /** The {@code once} option. */
    public boolean once() {
        return once;
    }

    /** The {@code passive} option. */
    public boolean passive() {
        return passive;
    }
}
