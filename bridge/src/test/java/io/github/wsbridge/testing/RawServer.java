package io.github.wsbridge.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny plain-socket HTTP/WebSocket server for what no well-behaved server does: broken handshakes, malformed or
 * forbidden frames, missing closing handshakes, dropped connections. It binds 127.0.0.1 on an ephemeral port, runs one
 * daemon thread per connection, and records what each client sent (request head, every frame) in a {@link RawConnection}.
 *
 * <pre>{@code
 * try (var raw = RawServer.start()) {
 *     ... connect a client to raw.uri("/simple_handshake") ...
 *     RawConnection c = raw.connection("/simple_handshake", Duration.ofSeconds(5));
 *     Frame close = c.awaitClose(Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Paths and their scripts (after the request head has been read; every 101 carries a correct
 * {@code Sec-WebSocket-Accept} unless said otherwise, and no subprotocol or extension):
 * <ul>
 * <li>{@code /simple_handshake}: mimics WPT {@code simple_handshake_wsh.py}. A hand-made 101 (status line
 *     {@code HTTP/1.1 101 Switching Protocols:}, {@code Upgrade: WebSocket}, a {@code Set-Cookie}, a
 *     {@code Sec-WebSocket-Origin} when the request had an Origin) and a Close(1001, "PASS") frame in one single write;
 *     then reads and records the client's answering Close frame, then closes TCP.</li>
 * <li>{@code /wrong_accept_key}: mimics {@code wrong_accept_key_wsh.py}: 101 with
 *     {@code Sec-WebSocket-Accept: thisisawrongacceptkey}, then a text frame "test"; then records until EOF.</li>
 * <li>{@code /invalid}: mimics {@code invalid_wsh.py}: writes {@code FOO BAR BAZ\r\n\r\n}, closes TCP.</li>
 * <li>{@code /redirect}: mimics {@code opening-handshake/resources/redirect_response.py}: {@code 301 Moved Permanently}
 *     with {@code Location: /echo}. (A client must not follow it; if it did, it would reach {@code /echo} here.)</li>
 * <li>{@code /404} and every unknown path: HTTP 404.</li>
 * <li>{@code /echo}: echoes every data frame as it came (opcode, FIN), answers Ping with Pong, echoes a Close body
 *     verbatim and closes TCP.</li>
 * <li>{@code /echo-close}: the same as {@code /echo}; the name says what it is for: a reference peer to observe the
 *     exact Close bytes a client sends (an empty Close is echoed empty).</li>
 * <li>{@code /echo_raw}: mimics {@code echo_raw_wsh.py}: writes the payload of each data frame straight onto the TCP
 *     stream, unframed; the payload {@code exit} makes it send Close(1000, "") and end.</li>
 * <li>{@code /invalid-utf8}: 101, then a text frame with the bytes {@code C3 28} (invalid UTF-8); records until EOF.</li>
 * <li>{@code /reserved-opcode}: as WPT {@code events/015} injects through {@code /echo_raw}: 101, then
 *     {@code 81 04 'test'} and {@code 83 03 'LOL'} (reserved opcode 0x3) in one write; records until EOF.</li>
 * <li>{@code /masked-frame}: 101, then a <em>masked</em> text frame "masked" (servers must not mask); records until EOF.</li>
 * <li>{@code /ping}: 101, a Ping "are you there", then a text frame "after ping"; records the client's Pong,
 *     echoes data, and answers the client's Close.</li>
 * <li>{@code /bad-upgrade}, {@code /no-connection-upgrade}: 101 with a correct Accept key but {@code Upgrade: h2c},
 *     or {@code Connection: keep-alive}; then a text frame "test".</li>
 * <li>{@code /unrequested-extension}: 101 selecting {@code x-unoffered}, which no client offers; then "test".</li>
 * <li>{@code /fragmented}: "hel" + "lo" as a fragmented text message with a Ping in between, an empty binary message,
 *     then Close(1000, "").</li>
 * <li>{@code /abrupt}: 101, a text frame "hello", then closes TCP (FIN) without a Close frame.</li>
 * <li>{@code /abrupt-reset}: the same, but resets TCP (RST, via {@code SO_LINGER 0}).</li>
 * <li>{@code /passive-close-abort}: mimics {@code passive-close-abort_wsh.py}: echoes data frames; on the client's Close,
 *     records it and closes TCP without replying.</li>
 * <li>{@code /no-close-reply}: echoes data frames; on the client's Close, records it and never replies: keeps TCP open
 *     and keeps recording until the client closes TCP (for closing-handshake timeouts).</li>
 * <li>{@code /never-answer}: reads the request and never responds; waits until the client closes TCP.</li>
 * <li>{@code /big?bytes=N}: 101, one binary frame of N bytes (byte i is {@code (byte) i}; 64-bit length above 65535),
 *     then Close(1000, ""); records the client's Close, then closes TCP.</li>
 * <li>{@code /handshake-then-close-tcp}: 101, then closes TCP at once.</li>
 * <li>{@code /401}: HTTP 401 with {@code WWW-Authenticate: Basic realm="wsbridge"}.</li>
 * <li>{@code /ignore-pings}: 101, then records every frame until EOF and answers none: no Pong, no Close (a silent
 *     peer, for keep-alive).</li>
 * <li>{@code /stream}: 101, then text frames "0", "1", "2"... as fast as the client reads them, until the connection
 *     breaks (for a server killed mid-stream: see {@link #main}).</li>
 * </ul>
 * A WebSocket path requested without {@code Sec-WebSocket-Key} gets HTTP 400.
 */
public final class RawServer implements AutoCloseable {

    /** A per-path behaviour, run on the connection's thread after the request head was read. */
    @FunctionalInterface
    private interface Script {
        void run(Wire w) throws IOException;
    }

    private static final byte[] CLOSE_1000 = Frame.closePayload(1000, "");

    private final ServerSocket serverSocket;
    private final Map<String, Script> scripts;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionIds = new AtomicInteger();
    /** Guards {@link #latest} and {@link #untaken}; waiters use its monitor. */
    private final Object lock = new Object();
    private final Map<String, RawConnection> latest = new HashMap<>();
    private final Map<String, Deque<RawConnection>> untaken = new HashMap<>();
    private volatile boolean closed;

    private RawServer(ServerSocket serverSocket) {
        this.serverSocket = serverSocket;
        this.scripts = scripts();
    }

    /** Binds 127.0.0.1 on an ephemeral port and starts accepting. */
    public static RawServer start() throws IOException {
        ServerSocket ss = new ServerSocket();
        ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        RawServer server = new RawServer(ss);
        Thread acceptor = new Thread(server::acceptLoop, "RawServer-accept-" + ss.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    /**
     * A raw server in a process of its own, for tests that kill it: prints {@code port=N} on one line once it accepts,
     * then serves until the process ends (killed, or its standard input closed).
     */
    public static void main(String[] args) throws IOException {
        try (RawServer server = start()) {
            System.out.println("port=" + server.port());
            System.out.flush();
            System.in.transferTo(OutputStream.nullOutputStream());
        }
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** {@code ws://127.0.0.1:PORT} + {@code pathAndQuery} (which must start with '/'). */
    public URI uri(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + port() + requireSlash(pathAndQuery));
    }

    /** {@code http://127.0.0.1:PORT} + {@code pathAndQuery}. */
    public URI httpUri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + requireSlash(pathAndQuery));
    }

    /** {@code pathAndQuery} itself, which must start with '/'. (Here, so that RawServer needs the JDK alone.) */
    static String requireSlash(String pathAndQuery) {
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + pathAndQuery);
        }
        return pathAndQuery;
    }

    /** The scripted paths; any other path gets 404. */
    public Set<String> paths() {
        return Collections.unmodifiableSet(scripts.keySet());
    }

    /**
     * The most recent connection to {@code path} (query ignored) whose request head has been read, waiting up to
     * {@code timeout} for a first one.
     *
     * @throws AssertionError if there is none within the timeout
     */
    public RawConnection connection(String path, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!latest.containsKey(path)) {
                awaitLock(deadline, "no connection to " + path + " within " + timeout);
            }
            return latest.get(path);
        }
    }

    /**
     * The oldest connection to {@code path} not yet returned by this method, waiting up to {@code timeout} for one:
     * for tests that open several connections to the same path in turn.
     *
     * @throws AssertionError if there is none within the timeout
     */
    public RawConnection nextConnection(String path, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (untaken.getOrDefault(path, new ArrayDeque<>()).isEmpty()) {
                awaitLock(deadline, "no new connection to " + path + " within " + timeout);
            }
            return untaken.get(path).removeFirst();
        }
    }

    /**
     * A snapshot of the frames received so far on the most recent connection to {@code path}; empty if there was none.
     * Use {@link #connection} and {@link RawConnection#awaitFrame} to wait for frames instead of polling this.
     */
    public List<Frame> received(String path) {
        RawConnection c;
        synchronized (lock) {
            c = latest.get(path);
        }
        return c == null ? List.of() : c.frames();
    }

    /** Stops accepting and closes every open connection (their threads then end). */
    @Override
    public void close() {
        closed = true;
        closeQuietly(serverSocket);
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }

    private void awaitLock(long deadline, String message) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new AssertionError(message);
        }
        try {
            lock.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = serverSocket.accept();
            } catch (IOException e) {
                return; // closed
            }
            sockets.add(s);
            if (closed) {
                closeQuietly(s);
                return;
            }
            Thread t = new Thread(() -> serve(s), "RawServer-conn-" + connectionIds.incrementAndGet());
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket socket) {
        RawConnection connection = null;
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            String head = FrameIO.readHead(in);
            if (head == null) {
                return;
            }
            connection = RawConnection.parse(head);
            register(connection);
            Script script = scripts.getOrDefault(connection.path(), RawServer::notFound);
            script.run(new Wire(connection, socket, in, out));
        } catch (IOException e) {
            if (connection != null && !closed && !(e instanceof SocketException)) {
                connection.failed(e);
            }
        } finally {
            sockets.remove(socket);
            if (connection != null) {
                connection.ended();
            }
        }
    }

    private void register(RawConnection c) {
        synchronized (lock) {
            latest.put(c.path(), c);
            untaken.computeIfAbsent(c.path(), p -> new ArrayDeque<>()).addLast(c);
            lock.notifyAll();
        }
    }

    // ---------------------------------------------------------------------------------------------------- scripts

    private static Map<String, Script> scripts() {
        Map<String, Script> m = new LinkedHashMap<>();
        m.put("/simple_handshake", RawServer::simpleHandshake);
        m.put("/wrong_accept_key", ws(w -> {
            w.write(ascii("HTTP/1.1 101 Switching Protocols:\r\nConnection: Upgrade\r\nUpgrade: WebSocket\r\n"
                    + "Set-Cookie: ws_test=test\r\n" + originLine(w.connection)
                    + "Sec-WebSocket-Accept: thisisawrongacceptkey\r\n\r\n"));
            w.send(Frame.text("test"));
            w.recordUntilEof();
        }));
        m.put("/invalid", w -> w.write(ascii("FOO BAR BAZ\r\n\r\n")));
        m.put("/redirect", w -> w.write(ascii("HTTP/1.1 301 Moved Permanently\r\nLocation: /echo\r\n"
                + "Content-Length: 0\r\nConnection: close\r\n\r\n")));
        m.put("/redirect-absolute", w -> w.write(ascii("HTTP/1.1 301 Moved Permanently\r\nLocation: ws://"
                + w.connection.header("Host") + "/echo\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")));
        m.put("/404", RawServer::notFound);
        m.put("/echo", ws(w -> {
            w.accept();
            w.echoUntilClose(close -> w.send(Frame.of(Frame.CLOSE, close.payload())));
        }));
        m.put("/echo-close", m.get("/echo"));
        m.put("/echo_raw", ws(RawServer::echoRaw));
        m.put("/invalid-utf8", ws(w -> {
            w.accept();
            w.send(Frame.of(Frame.TEXT, new byte[] {(byte) 0xC3, 0x28}));
            w.recordUntilEof();
        }));
        m.put("/reserved-opcode", ws(w -> {
            w.accept();
            w.write(concat(FrameIO.encode(Frame.text("test")), FrameIO.encode(Frame.of(0x3, ascii("LOL")))));
            w.recordUntilEof();
        }));
        m.put("/masked-frame", ws(w -> {
            w.accept();
            w.send(new Frame(true, 0, Frame.TEXT, true, ascii("masked")));
            w.recordUntilEof();
        }));
        m.put("/bad-upgrade", ws(w -> {
            w.accept("Upgrade: h2c\r\nConnection: Upgrade\r\n");
            w.send(Frame.text("test"));
            w.recordUntilEof();
        }));
        m.put("/no-connection-upgrade", ws(w -> {
            w.accept("Upgrade: websocket\r\nConnection: keep-alive\r\n");
            w.send(Frame.text("test"));
            w.recordUntilEof();
        }));
        m.put("/unrequested-extension", ws(w -> {
            w.accept("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Extensions: x-unoffered; a=1\r\n");
            w.send(Frame.text("test"));
            w.recordUntilEof();
        }));
        m.put("/fragmented", ws(w -> {
            // RFC 6455 §5.4: "hel" + "lo" as a text frame and a continuation, a Ping between them, an empty binary
            // message, then Close(1000, "").
            w.accept();
            w.send(new Frame(false, 0, Frame.TEXT, false, ascii("hel")));
            w.send(Frame.of(Frame.PING, ascii("p")));
            w.send(new Frame(true, 0, Frame.CONTINUATION, false, ascii("lo")));
            w.send(Frame.of(Frame.BINARY, new byte[0]));
            w.send(Frame.close(1000, ""));
            w.recordUntilEof();
        }));
        m.put("/ping", ws(w -> {
            // RFC 6455 §5.5.2: the client must answer a Ping with a Pong of the same payload (checklist item 55);
            // then a text frame, so the client's listeners see that the Ping itself was not exposed.
            w.accept();
            w.send(Frame.of(Frame.PING, ascii("are you there")));
            w.send(Frame.text("after ping"));
            w.echoUntilClose(close -> w.send(Frame.of(Frame.CLOSE, close.payload())));
        }));
        m.put("/abrupt", ws(w -> {
            w.accept();
            w.send(Frame.text("hello"));
        }));
        m.put("/abrupt-reset", ws(w -> {
            w.accept();
            w.send(Frame.text("hello"));
            w.socket.setSoLinger(true, 0);
        }));
        m.put("/passive-close-abort", ws(w -> {
            w.accept();
            w.echoUntilClose(close -> { });
        }));
        m.put("/no-close-reply", ws(w -> {
            w.accept();
            w.echoUntilClose(close -> w.recordUntilEof());
        }));
        m.put("/never-answer", w -> w.in.transferTo(OutputStream.nullOutputStream()));
        m.put("/big", ws(RawServer::big));
        m.put("/handshake-then-close-tcp", ws(Wire::accept));
        m.put("/401", w -> w.write(ascii("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"wsbridge\"\r\n"
                + "Content-Length: 0\r\nConnection: close\r\n\r\n")));
        m.put("/ignore-pings", ws(w -> {
            w.accept();
            w.recordUntilEof();
        }));
        m.put("/stream", ws(w -> {
            w.accept();
            for (long i = 0; ; i++) {
                w.send(Frame.text(Long.toString(i)));
            }
        }));
        return m;
    }

    /** Refuses a request without {@code Sec-WebSocket-Key} with 400, else runs {@code script}. */
    private static Script ws(Script script) {
        return w -> {
            if (w.connection.header("Sec-WebSocket-Key") == null) {
                w.write(ascii("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
                return;
            }
            script.run(w);
        };
    }

    private static void notFound(Wire w) throws IOException {
        w.write(ascii("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
    }

    private static void simpleHandshake(Wire w) throws IOException {
        String key = w.connection.header("Sec-WebSocket-Key");
        if (key == null) {
            notFound(w);
            return;
        }
        byte[] head = ascii("HTTP/1.1 101 Switching Protocols:\r\nConnection: Upgrade\r\nUpgrade: WebSocket\r\n"
                + "Set-Cookie: ws_test=test\r\n" + originLine(w.connection)
                + "Sec-WebSocket-Accept: " + FrameIO.acceptKey(key) + "\r\n\r\n");
        w.write(concat(head, FrameIO.encode(Frame.close(1001, "PASS"))));
        w.receive(); // the client's answering Close (recorded), then drop TCP
    }

    private static void echoRaw(Wire w) throws IOException {
        w.accept();
        w.echoUntilClose(close -> w.send(Frame.of(Frame.CLOSE, close.payload())), data -> {
            if (Arrays.equals(data.payload(), ascii("exit"))) {
                w.send(Frame.of(Frame.CLOSE, CLOSE_1000));
                w.receiveClose();
                return false;
            }
            w.write(data.payload());
            return true;
        });
    }

    private static void big(Wire w) throws IOException {
        String n = w.connection.queryParameter("bytes");
        int size = n == null ? 0 : Integer.parseInt(n);
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) i;
        }
        w.accept();
        w.send(Frame.of(Frame.BINARY, payload));
        w.send(Frame.of(Frame.CLOSE, CLOSE_1000));
        w.receiveClose();
    }

    private static String originLine(RawConnection c) {
        String origin = c.header("Origin");
        return origin == null ? "" : "Sec-WebSocket-Origin: " + origin + "\r\n";
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }

    // ------------------------------------------------------------------------------------------------------ wire

    /** The socket of one connection, with the few operations the scripts are made of. */
    private static final class Wire {
        @FunctionalInterface
        interface OnFrame {
            void accept(Frame f) throws IOException;
        }

        @FunctionalInterface
        interface OnData {
            /** @return false to stop the loop */
            boolean accept(Frame f) throws IOException;
        }

        final RawConnection connection;
        final Socket socket;
        final InputStream in;
        final OutputStream out;

        Wire(RawConnection connection, Socket socket, InputStream in, OutputStream out) {
            this.connection = connection;
            this.socket = socket;
            this.in = in;
            this.out = out;
        }

        /** One write call on the socket. */
        void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        void send(Frame f) throws IOException {
            write(FrameIO.encode(f));
        }

        /** A plain, correct 101. */
        void accept() throws IOException {
            accept("Upgrade: websocket\r\nConnection: Upgrade\r\n");
        }

        /** A 101 with a correct Accept key and these other header lines (each ending in CRLF). */
        void accept(String headerLines) throws IOException {
            write(ascii("HTTP/1.1 101 Switching Protocols\r\n" + headerLines
                    + "Sec-WebSocket-Accept: " + FrameIO.acceptKey(connection.header("Sec-WebSocket-Key")) + "\r\n\r\n"));
        }

        /** Reads and records one frame; null at EOF. */
        Frame receive() throws IOException {
            Frame f = FrameIO.read(in);
            if (f == null) {
                connection.peerEof();
            } else {
                connection.record(f);
            }
            return f;
        }

        /** Reads and records frames up to and including a Close, or until EOF. */
        void receiveClose() throws IOException {
            for (Frame f = receive(); f != null && !f.isClose(); f = receive()) {
                // recorded
            }
        }

        /** Reads and records frames until the client closes TCP (or the server is closed). */
        void recordUntilEof() throws IOException {
            while (receive() != null) {
                // recorded
            }
        }

        /** Echoes data frames, answers Ping with Pong, and hands the first Close to {@code onClose}; ends at EOF. */
        void echoUntilClose(OnFrame onClose) throws IOException {
            echoUntilClose(onClose, data -> {
                send(new Frame(data.fin(), 0, data.opcode(), false, data.payload()));
                return true;
            });
        }

        void echoUntilClose(OnFrame onClose, OnData onData) throws IOException {
            for (Frame f = receive(); f != null; f = receive()) {
                switch (f.opcode()) {
                    case Frame.CLOSE -> {
                        onClose.accept(f);
                        return;
                    }
                    case Frame.PING -> send(Frame.of(Frame.PONG, f.payload()));
                    case Frame.PONG -> { }
                    default -> {
                        if (!onData.accept(f)) {
                            return;
                        }
                    }
                }
            }
        }
    }
}
