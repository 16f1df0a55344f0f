package io.github.wsbridge.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * RFC 6455 framing and handshake arithmetic on plain streams, for {@link RawServer} and for raw-socket clients in tests.
 * It applies no rules: it reads and writes whatever frames it is given, which is the point.
 */
public final class FrameIO {

    /** The GUID of RFC 6455 §1.3, appended to the client's key to compute {@code Sec-WebSocket-Accept}. */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** Largest payload {@link #read} accepts, so a bad length cannot exhaust the heap. */
    static final long MAX_PAYLOAD = 256L * 1024 * 1024;

    private static final SecureRandom RANDOM = new SecureRandom();

    private FrameIO() {
    }

    /** {@code base64(SHA-1(key + GUID))}, the {@code Sec-WebSocket-Accept} value for a client's {@code Sec-WebSocket-Key}. */
    public static String acceptKey(String secWebSocketKey) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((secWebSocketKey.trim() + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh random {@code Sec-WebSocket-Key} (16 random bytes, base64). */
    public static String newKey() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /**
     * Encodes {@code frame}; if {@code frame.masked()} is true a random mask key is used and the payload is masked
     * (as a client must), else it goes out as is (as a server must). The length uses the shortest form (7, 16 or 64 bit).
     */
    public static byte[] encode(Frame frame) {
        byte[] mask = null;
        if (frame.masked()) {
            mask = new byte[4];
            RANDOM.nextBytes(mask);
        }
        return encode(frame.fin(), frame.rsv(), frame.opcode(), mask, frame.payload());
    }

    /** Encodes one frame with an explicit mask key ({@code null} for none). */
    public static byte[] encode(boolean fin, int rsv, int opcode, byte[] maskKey, byte[] payload) {
        int len = payload.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream(len + 14);
        out.write((fin ? 0x80 : 0) | ((rsv & 0x7) << 4) | (opcode & 0xF));
        int maskBit = maskKey != null ? 0x80 : 0;
        if (len <= 125) {
            out.write(maskBit | len);
        } else if (len <= 0xFFFF) {
            out.write(maskBit | 126);
            out.write(len >>> 8);
            out.write(len);
        } else {
            out.write(maskBit | 127);
            long l = len;
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (l >>> shift));
            }
        }
        if (maskKey != null) {
            out.write(maskKey, 0, 4);
            byte[] masked = new byte[len];
            for (int i = 0; i < len; i++) {
                masked[i] = (byte) (payload[i] ^ maskKey[i & 3]);
            }
            out.write(masked, 0, len);
        } else {
            out.write(payload, 0, len);
        }
        return out.toByteArray();
    }

    /**
     * Reads one frame and unmasks its payload.
     *
     * @return the frame, or {@code null} if the stream ended cleanly before the first byte of a frame
     * @throws EOFException if the stream ended inside a frame
     */
    public static Frame read(InputStream in) throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        int b1 = readByte(in);
        boolean masked = (b1 & 0x80) != 0;
        long len = b1 & 0x7F;
        if (len == 126) {
            len = (readByte(in) << 8) | readByte(in);
        } else if (len == 127) {
            len = 0;
            for (int i = 0; i < 8; i++) {
                len = (len << 8) | readByte(in);
            }
        }
        if (len < 0 || len > MAX_PAYLOAD) {
            throw new IOException("frame payload length out of range: " + len);
        }
        byte[] mask = masked ? in.readNBytes(4) : null;
        if (mask != null && mask.length < 4) {
            throw new EOFException("stream ended inside a mask key");
        }
        byte[] payload = in.readNBytes((int) len);
        if (payload.length < len) {
            throw new EOFException("stream ended inside a payload");
        }
        if (mask != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
        }
        return new Frame((b0 & 0x80) != 0, (b0 >>> 4) & 0x7, b0 & 0xF, masked, payload);
    }

    /**
     * Reads an HTTP message head up to and including the empty line, as ISO-8859-1.
     *
     * @return the head without the final CRLFCRLF, or {@code null} if the stream ended before any byte
     * @throws EOFException if the stream ended inside the head
     */
    public static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int matched = 0; // how much of CR LF CR LF has been seen
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new EOFException("stream ended inside an HTTP head");
            }
            head.write(b);
            if (head.size() > 64 * 1024) {
                throw new IOException("HTTP head too long");
            }
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                String s = head.toString(StandardCharsets.ISO_8859_1);
                return s.substring(0, s.length() - 4);
            }
        }
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("stream ended inside a frame header");
        }
        return b;
    }
}
