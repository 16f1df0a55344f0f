package io.github.wsbridge.testing;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What one client sent to a {@link RawServer} on one TCP connection: its request head, and every frame it sent after the
 * handshake, unmasked, in order. Everything here is safe to read from the test thread while the connection runs.
 */
public final class RawConnection {

    private final String requestLine;
    private final String target;
    private final List<Map.Entry<String, String>> headers;
    private final List<Frame> frames = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Frame> unread = new LinkedBlockingQueue<>();
    private final CountDownLatch end = new CountDownLatch(1);
    private volatile boolean peerEof;
    private volatile IOException failure;

    private RawConnection(String requestLine, String target, List<Map.Entry<String, String>> headers) {
        this.requestLine = requestLine;
        this.target = target;
        this.headers = List.copyOf(headers);
    }

    /** Parses a request head (without the final empty line). */
    static RawConnection parse(String head) {
        String[] lines = head.split("\r\n", -1);
        String requestLine = lines[0];
        String[] parts = requestLine.split(" ");
        String target = parts.length > 1 ? parts[1] : "";
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(Map.entry(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()));
            }
        }
        return new RawConnection(requestLine, target, headers);
    }

    /** The request line as sent, e.g. {@code GET /echo?x=1 HTTP/1.1}. */
    public String requestLine() {
        return requestLine;
    }

    /** The request target's path, e.g. {@code /echo}. */
    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** The raw (still percent-encoded) query, without '?', or null when the target had none. */
    public String query() {
        int q = target.indexOf('?');
        return q < 0 ? null : target.substring(q + 1);
    }

    /** The first value of query parameter {@code name}, percent-decoded as UTF-8, or null. */
    public String queryParameter(String name) {
        String query = query();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** Every request header line in order, as (name as sent, value trimmed). */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** The first value of header {@code name} (case-insensitive), or null. */
    public String header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** All values of header {@code name} (case-insensitive), one per header line, in order. */
    public List<String> headerValues(String name) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                values.add(h.getValue());
            }
        }
        return values;
    }

    /** A snapshot of every frame received so far, in order, including those already returned by the await methods. */
    public List<Frame> frames() {
        return List.copyOf(frames);
    }

    /**
     * The next frame not yet returned by {@link #awaitFrame} or {@link #awaitClose}, waiting up to {@code timeout}.
     *
     * @throws AssertionError if none arrives in time
     */
    public Frame awaitFrame(Duration timeout) {
        try {
            Frame f = unread.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (f == null) {
                throw new AssertionError("no frame from the client within " + timeout + "; so far: " + frames
                        + (peerEof ? " (client closed TCP)" : ""));
            }
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * The next Close frame, skipping (but keeping in {@link #frames()}) any other frame, waiting up to {@code timeout}.
     *
     * @throws AssertionError if no Close arrives in time
     */
    public Frame awaitClose(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Frame f = awaitFrame(Duration.ofNanos(Math.max(0, left)));
            if (f.isClose()) {
                return f;
            }
        }
    }

    /** Waits up to {@code timeout} until the server is done with this connection and has closed its socket. */
    public boolean awaitEnd(Duration timeout) {
        try {
            return end.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether the server has closed this connection's socket. */
    public boolean hasEnded() {
        return end.getCount() == 0;
    }

    /** Whether the client closed its side of TCP (the server read EOF at a frame boundary). */
    public boolean clientClosedTcp() {
        return peerEof;
    }

    /** An I/O error the script hit other than a reset or closed socket (e.g. the client sent a truncated frame), or null. */
    public IOException failure() {
        return failure;
    }

    void record(Frame f) {
        frames.add(f);
        unread.add(f);
    }

    void peerEof() {
        peerEof = true;
    }

    void failed(IOException e) {
        failure = e;
    }

    void ended() {
        end.countDown();
    }

    @Override
    public String toString() {
        return "RawConnection[" + requestLine + ", frames=" + frames + (hasEnded() ? ", ended" : "") + "]";
    }
}
