package io.github.wsbridge;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The File API's {@code Blob} (W3C File API §3 "The Blob Interface and Binary Data"): immutable bytes with a MIME type.
 *
 * <p>A {@link WebSocket} whose {@link WebSocket#binaryType()} is {@code "blob"} (the default) delivers binary messages as
 * Blobs, and {@link WebSocket#send(Blob)} sends one as a binary message. A Blob owns a private copy of its bytes, so it is
 * safe to share between threads. {@link #arrayBuffer()} and {@link #text()} return already completed futures (the bytes
 * are in memory), keeping the promise shape of the web API.
 */
public final class Blob {

    private static final byte[] EMPTY = new byte[0];

    private final byte[] bytes;   // never modified, never exposed
    private final int offset;
    private final int length;
    private final String type;

    /** {@code new Blob()}: zero bytes, type {@code ""}. */
    public Blob() {
        this(EMPTY, 0, 0, "");
    }

    /** A Blob holding a copy of {@code bytes}, type {@code ""}. */
    public Blob(byte[] bytes) {
        this(bytes, "");
    }

    /**
     * A Blob holding a copy of {@code bytes}, with the given type. As the File API says, a type with a character outside
     * U+0020..U+007E becomes {@code ""}; otherwise it is lowercased.
     */
    public Blob(byte[] bytes, String type) {
        this(Objects.requireNonNull(bytes, "bytes").clone(), 0, bytes.length, normalizeType(type));
    }

    /**
     * {@code new Blob(blobParts, {type})}: the concatenation of the parts, each a {@code byte[]}, a {@link ByteBuffer}
     * (position to limit, not moved), a {@link String} (encoded as UTF-8, unpaired surrogates as U+FFFD) or a Blob.
     *
     * @throws IllegalArgumentException for a part of another type
     */
    public Blob(List<?> parts, String type) {
        this(concat(Objects.requireNonNull(parts, "parts")), 0, -1, normalizeType(type));
    }

    /** Adopts {@code bytes} without copying; a negative length means the whole array. */
    private Blob(byte[] bytes, int offset, int length, String type) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length < 0 ? bytes.length : length;
        this.type = type;
    }

    /**
     * Wraps bytes that the caller hands over and never touches again (no copy). For the bridge's own received messages.
     */
    static Blob adopt(byte[] owned) {
        return new Blob(owned, 0, owned.length, "");
    }

    /** The number of bytes. */
    public long size() {
        return length;
    }

    /** The MIME type, lowercase, or {@code ""}. */
    public String type() {
        return type;
    }

    /** A future already completed with a new read-only {@link ByteBuffer} over this Blob's bytes. */
    public CompletableFuture<ByteBuffer> arrayBuffer() {
        return CompletableFuture.completedFuture(ByteBuffer.wrap(bytes, offset, length).slice().asReadOnlyBuffer());
    }

    /** A future already completed with the bytes decoded as UTF-8 (malformed sequences become U+FFFD). */
    public CompletableFuture<String> text() {
        return CompletableFuture.completedFuture(new String(bytes, offset, length, StandardCharsets.UTF_8));
    }

    /** A copy of the bytes (a Java convenience with no web counterpart). */
    public byte[] bytes() {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    /** {@code slice(start)}: from {@code start} to the end. */
    public Blob slice(long start) {
        return slice(start, length, "");
    }

    /** {@code slice(start, end)}, with type {@code ""}. */
    public Blob slice(long start, long end) {
        return slice(start, end, "");
    }

    /**
     * {@code slice(start, end, contentType)} with the File API's rules: a negative index counts from the end, indices are
     * clamped to 0..size, and an end before the start gives an empty Blob. The bytes are shared, not copied.
     */
    public Blob slice(long start, long end, String contentType) {
        long relativeStart = start < 0 ? Math.max(length + start, 0) : Math.min(start, length);
        long relativeEnd = end < 0 ? Math.max(length + end, 0) : Math.min(end, length);
        long span = Math.max(relativeEnd - relativeStart, 0);
        return new Blob(bytes, offset + (int) relativeStart, (int) span, normalizeType(contentType));
    }

    /** Writes this Blob's bytes into a new read-only buffer view, without copying. For the bridge's send path. */
    ByteBuffer view() {
        return ByteBuffer.wrap(bytes, offset, length).slice().asReadOnlyBuffer();
    }

    @Override
    public String toString() {
        return "Blob[size=" + length + ", type=" + type + "]";
    }

    private static String normalizeType(String type) {
        if (type == null) {
            return "";
        }
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return "";
            }
        }
        return type.toLowerCase(Locale.ROOT);
    }

    private static byte[] concat(List<?> parts) {
        byte[][] pieces = new byte[parts.size()][];
        long total = 0;
        for (int i = 0; i < pieces.length; i++) {
            Object part = parts.get(i);
            byte[] piece;
            if (part instanceof byte[]) {
                piece = (byte[]) part;
            } else if (part instanceof ByteBuffer) {
                ByteBuffer buffer = ((ByteBuffer) part).duplicate();
                piece = new byte[buffer.remaining()];
                buffer.get(piece);
            } else if (part instanceof String) {
                piece = io.github.wsbridge.internal.Utf8.encode((String) part);
            } else if (part instanceof Blob) {
                piece = ((Blob) part).bytes();
            } else {
                throw new IllegalArgumentException("A Blob part must be a byte[], ByteBuffer, String or Blob, not "
                        + (part == null ? "null" : part.getClass().getName()));
            }
            pieces[i] = piece;
            total += piece.length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("A Blob holds at most 2 GiB; these parts add up to " + total + " bytes");
        }
        byte[] result = new byte[(int) total];
        int at = 0;
        for (byte[] piece : pieces) {
            System.arraycopy(piece, 0, result, at, piece.length);
            at += piece.length;
        }
        return result;
    }
}
