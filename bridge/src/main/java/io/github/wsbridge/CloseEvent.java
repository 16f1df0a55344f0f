package io.github.wsbridge;

/**
 * The WHATWG WebSockets Standard's {@code CloseEvent} (§"The CloseEvent interface"), fired exactly once by every
 * {@link WebSocket} when its connection is closed (§"Feedback from the protocol", the close task).
 *
 * <p>{@link #code()} is the status code of the first Close frame received, 1005 if that frame had no body and 1006 if none
 * was received; {@link #reason()} the UTF-8 decoded reason of that frame or {@code ""}; {@link #wasClean()} is true only if
 * the closing handshake completed (a Close frame was both sent and received) before the transport closed.
 */
public class CloseEvent extends Event {

    private final int code;
    private final String reason;
    private final boolean wasClean;

    /** {@code new CloseEvent(type)}: code 0, reason {@code ""}, wasClean false, as the {@code CloseEventInit} defaults. */
    public CloseEvent(String type) {
        this(type, 0, "", false);
    }

    /**
     * {@code new CloseEvent(type, {code, reason, wasClean})}. The code is an IDL {@code unsigned short}: a value outside
     * 0..65535 wraps modulo 2<sup>16</sup>, as WebIDL converts it.
     */
    public CloseEvent(String type, int code, String reason, boolean wasClean) {
        super(type);
        this.code = code & 0xFFFF;
        this.reason = reason == null ? "" : reason;
        this.wasClean = wasClean;
    }

    /** The close status code (1005: none was given; 1006: no Close frame was received, the connection failed). */
    public int code() {
        return code;
    }

    /** The close reason sent by the peer, or {@code ""}. */
    public String reason() {
        return reason;
    }

    /** True if the closing handshake completed cleanly. */
    public boolean wasClean() {
        return wasClean;
    }

    @Override
    public String toString() {
        return "CloseEvent[type=" + type() + ", code=" + code + ", reason=" + reason + ", wasClean=" + wasClean + "]";
    }
}
