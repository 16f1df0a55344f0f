package io.github.wsbridge.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * A plain-socket WebSocket client for checking servers byte by byte: it sends a handshake with any extra header lines,
 * then writes whatever frames it is told (masked, as a client must, unless told otherwise) and reads frames back.
 * Every read times out after the given duration, so a test never hangs.
 */
public final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String key = FrameIO.newKey();
    private String responseHead;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to {@code ws://host:port/path?query} and sends a version-13 upgrade request, without reading the answer. */
    public static RawClient open(URI uri, Duration readTimeout, String... extraHeaderLines) throws IOException {
        Socket s = new Socket(uri.getHost(), uri.getPort());
        s.setTcpNoDelay(true);
        s.setSoTimeout((int) readTimeout.toMillis());
        RawClient c = new RawClient(s);
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        StringBuilder req = new StringBuilder()
                .append("GET ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(c.key).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        for (String line : extraHeaderLines) {
            req.append(line).append("\r\n");
        }
        c.write(req.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        return c;
    }

    /** {@link #open} and read the response head; fails unless it is a 101 with the right Accept key. */
    public static RawClient connect(URI uri, Duration readTimeout, String... extraHeaderLines) throws IOException {
        RawClient c = open(uri, readTimeout, extraHeaderLines);
        int status = c.readResponseHead();
        String accept = c.responseHeader("Sec-WebSocket-Accept");
        if (status != 101 || !FrameIO.acceptKey(c.key).equals(accept)) {
            c.close();
            throw new IOException("not a valid 101: " + c.responseHead);
        }
        return c;
    }

    /** Reads the response head and returns its status code (-1 if the status line has none). */
    public int readResponseHead() throws IOException {
        responseHead = FrameIO.readHead(in);
        if (responseHead == null) {
            throw new IOException("connection closed before any response");
        }
        return statusOf(responseHead);
    }

    /** The response head read by {@link #readResponseHead}, without the final empty line. */
    public String responseHead() {
        return responseHead;
    }

    /** The first value of response header {@code name} (case-insensitive), or null. */
    public String responseHeader(String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        for (String line : responseHead.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
        return null;
    }

    /** Writes {@code frame}, masking it with a random key unless it is marked unmasked. */
    public void send(Frame frame) throws IOException {
        write(FrameIO.encode(frame));
    }

    /** Writes a masked final frame. */
    public void send(int opcode, byte[] payload) throws IOException {
        send(new Frame(true, 0, opcode, true, payload));
    }

    /** Writes raw bytes in one write call. */
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one frame; null if the server closed TCP at a frame boundary. Throws on timeout. */
    public Frame read() throws IOException {
        return FrameIO.read(in);
    }

    /**
     * Reads until the server closes TCP, or the read timeout.
     *
     * @return true if the server closed TCP with no further byte; false if bytes came (they are lost) or time ran out
     */
    public boolean awaitEof() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    /** The raw input stream, after the response head. */
    public InputStream input() {
        return in;
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static int statusOf(String head) {
        String[] parts = head.split("\r\n", 2)[0].split(" ");
        try {
            return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
