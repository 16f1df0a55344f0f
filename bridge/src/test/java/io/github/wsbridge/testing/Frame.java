package io.github.wsbridge.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One WebSocket frame as it was seen on the wire (RFC 6455 §5.2), after unmasking.
 *
 * <p>{@link RawServer} records every frame a client sends as a {@code Frame}; tests that talk to a server through a raw
 * socket read the server's frames as {@code Frame}s too (see {@link FrameIO}).
 *
 * @param fin     the FIN bit
 * @param rsv     the three RSV bits, as a number 0-7 (RSV1 is 4)
 * @param opcode  the opcode, 0x0-0xF
 * @param masked  whether the MASK bit was set (a client's frames must be masked, a server's must not)
 * @param payload the payload, already unmasked; never null. Not copied: do not modify it.
 */
public record Frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    public Frame {
        if (payload == null) {
            throw new NullPointerException("payload");
        }
    }

    /** A final, non-RSV, unmasked frame: the kind a server sends. */
    public static Frame of(int opcode, byte[] payload) {
        return new Frame(true, 0, opcode, false, payload);
    }

    /** A final text frame with the UTF-8 bytes of {@code text}. */
    public static Frame text(String text) {
        return of(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A Close frame. A {@code code} of -1 gives an empty body (no status code, which the peer reports as 1005); otherwise
     * the body is the 2-byte code followed by the UTF-8 bytes of {@code reason}.
     */
    public static Frame close(int code, String reason) {
        return of(CLOSE, closePayload(code, reason));
    }

    /** The body of a Close frame: empty when {@code code} is -1, else code + UTF-8 reason. */
    public static byte[] closePayload(int code, String reason) {
        if (code < 0) {
            return new byte[0];
        }
        byte[] r = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + r.length).putShort((short) code).put(r).array();
    }

    public boolean isClose() {
        return opcode == CLOSE;
    }

    /** The payload decoded as UTF-8 (malformed input is replaced, so use {@link #payload()} for exact bytes). */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /**
     * For a Close frame: its status code, or 1005 (No Status Received) when the body is empty.
     *
     * @throws IllegalStateException if this is not a Close frame or its body is 1 byte long
     */
    public int closeCode() {
        requireClose();
        if (payload.length == 0) {
            return 1005;
        }
        if (payload.length == 1) {
            throw new IllegalStateException("Close frame with a 1-byte body");
        }
        return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    }

    /** For a Close frame: its reason decoded as UTF-8, or "" when there is none. */
    public String closeReason() {
        requireClose();
        return payload.length <= 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
    }

    private void requireClose() {
        if (!isClose()) {
            throw new IllegalStateException("not a Close frame: " + this);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Frame[op=0x").append(Integer.toHexString(opcode));
        if (!fin) {
            sb.append(" !fin");
        }
        if (rsv != 0) {
            sb.append(" rsv=").append(rsv);
        }
        sb.append(masked ? " masked" : " unmasked").append(" len=").append(payload.length);
        if (isClose() && payload.length != 1) {
            sb.append(" code=").append(closeCode()).append(" reason='").append(closeReason()).append('\'');
        } else if (opcode == TEXT && payload.length <= 64) {
            sb.append(" '").append(text()).append('\'');
        }
        return sb.append(']').toString();
    }
}
