package io.github.wsbridge.internal;

import jakarta.websocket.CloseReason;
import java.util.Map;

/**
 * What the bridge does differently on Tyrus's client (standalone, and inside Payara and GlassFish), in one place, with
 * no Tyrus classes: the generic provider and wsbridge-tyrus's provider both call it. Stateless.
 */
public final class Tyrus {

    /** Tyrus's stand-in reason for a received Close frame without a body ({@code CloseReasons.NORMAL_CLOSURE}). */
    private static final String EMPTY_CLOSE = "Normal closure.";

    /** Tyrus's reason when a frame exceeds its incoming buffer ({@code TyrusClientEngine}'s read handler). */
    private static final String OVERFLOW = "Buffer overflow.";

    /** The user property Tyrus reads its incoming frame limit from, per connection (its WebLogic-compatible name). */
    private static final String INCOMING_BUFFER_SIZE = "weblogic.websocket.tyrus.incoming-buffer-size";

    /** The most a frame header adds to a payload (RFC 6455 §5.2). */
    private static final int FRAME_OVERHEAD = 14;

    private Tyrus() {
    }

    /**
     * Raises Tyrus's incoming frame limit (4 MiB by default) for one connection to {@code maxMessageSize}, in that
     * connection's endpoint configuration. Tyrus grows its buffer in steps up to the limit.
     */
    public static void raiseFrameLimit(Map<String, Object> userProperties, long maxMessageSize) {
        userProperties.put(INCOMING_BUFFER_SIZE, (int) Math.min(Integer.MAX_VALUE, maxMessageSize + FRAME_OVERHEAD));
    }

    /**
     * The peer's Close as the standard reads it: Tyrus reports a received Close frame without a body as
     * {@code (1000, "Normal closure.")}, which is 1005 (RFC 6455 §7.1.5). Side effect: a server that really sends
     * {@code Close(1000, "Normal closure.")} reads as 1005 too.
     */
    public static CloseReason peerCloseReason(CloseReason reported) {
        if (reported.getCloseCode().getCode() == 1000 && EMPTY_CLOSE.equals(reported.getReasonPhrase())) {
            return new CloseReason(CloseReason.CloseCodes.NO_STATUS_CODE, "");
        }
        return reported;
    }

    /** Whether a reported close is Tyrus's own {@code (1011, "Buffer overflow.")}: a frame too big for its buffer. */
    public static boolean isLocalFailure(CloseReason reported) {
        return reported.getCloseCode().getCode() == 1011 && OVERFLOW.equals(reported.getReasonPhrase());
    }
}
