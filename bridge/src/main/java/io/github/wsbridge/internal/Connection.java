package io.github.wsbridge.internal;

import io.github.wsbridge.ConnectionFailure;
import io.github.wsbridge.spi.ConnectRequest;
import io.github.wsbridge.spi.WebSocketProvider;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The WebSocket connection of one {@code WebSocket}, over a Jakarta {@link Session}: RFC 6455 "establish a WebSocket
 * connection", "start the closing handshake", "fail the WebSocket connection", and the WHATWG checks the Jakarta
 * containers do not make (subprotocol present and requested exactly, checklist items 20-21; the message size limit).
 *
 * <p>It turns the container's callbacks into exactly one of each: {@link Handler#established} (at most once), then
 * messages, then {@link Handler#closed} (exactly once, whatever mix of {@code onError}, {@code onClose}, timeouts and
 * aborts happens, from whichever thread comes first). It never runs application code: the handler only queues tasks.
 *
 * <p>Concurrency contract: container callbacks may come on any thread, {@code onOpen} possibly before
 * {@code connectToServer} returns and on the connecting thread. {@code terminated} (a CAS) decides the single close
 * report. The message assembly fields are confined to the container's read path, which delivers one message part at a
 * time.
 */
public final class Connection extends Endpoint implements SendQueue.Transport {

    /** Receives the connection's feedback (WHATWG WebSockets §"Feedback from the protocol"). Must only queue work. */
    public interface Handler {
        /** The connection is established, with the subprotocol and extensions in use ("" when none). */
        void established(String protocol, String extensions);

        /** A whole text message. */
        void text(String data);

        /** A whole binary message, in a new array owned by the handler. */
        void binary(byte[] data);

        /**
         * The WebSocket connection is closed: exactly once. {@code failure} non-null means "the WebSocket connection
         * was failed" (the close task fires {@code error}); then {@code code} is 1006, {@code reason} "" and
         * {@code wasClean} false.
         */
        void closed(int code, String reason, boolean wasClean, ConnectionFailure failure);
    }

    private static final int CLOSED_ABNORMALLY = CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode();

    private final WebSocketProvider provider;
    private final Handler handler;
    private final List<String> requestedProtocols;
    private final long maxMessageSize;
    private final Duration connectTimeout;
    private final Duration closeTimeout;
    private final KeepAlive keepAlive;

    private final boolean nonBlockingSend;
    private final AtomicBoolean terminated = new AtomicBoolean();
    private volatile Session session;
    private volatile boolean aborted;
    private volatile Map<String, List<String>> responseHeaders;
    private volatile String requestKey;
    private volatile String offeredExtensions = "";
    private volatile boolean closeSent;
    private volatile Throwable pendingError;
    private volatile ScheduledFuture<?> connectTimer;
    private volatile ScheduledFuture<?> closeTimer;
    private volatile java.util.concurrent.CompletionStage<Session> pendingConnect;

    // Confined to the container's read path.
    private StringBuilder textParts;
    private long textBytes;
    private byte[] binaryParts;
    private int binaryLength;

    /**
     * @param pingInterval how often to Ping the open connection, or null for never (the default)
     * @param pongTimeout how long a Ping may go unanswered before the connection fails; used with a pingInterval only
     */
    public Connection(WebSocketProvider provider, Handler handler, List<String> requestedProtocols, long maxMessageSize,
            Duration connectTimeout, Duration closeTimeout, Duration pingInterval, Duration pongTimeout) {
        this.provider = provider;
        this.nonBlockingSend = provider.capabilities().contains(io.github.wsbridge.spi.Capability.NON_BLOCKING_SEND);
        this.handler = handler;
        this.requestedProtocols = requestedProtocols;
        this.maxMessageSize = maxMessageSize;
        this.connectTimeout = connectTimeout;
        this.closeTimeout = closeTimeout;
        this.keepAlive = pingInterval == null ? null : new KeepAlive(pingInterval, pongTimeout,
                why -> fail(new ConnectionFailure(why, null, -1), CloseReason.CloseCodes.GOING_AWAY));
    }

    // ---- establish ----

    /**
     * Starts "obtain a WebSocket connection" and the opening handshake, without blocking the caller.
     *
     * @param headers extra request headers, name then value, in order; replace headers of the same name
     * @param sslContext the caller's TLS context for wss, or null for the JDK default; either way host names are verified
     * @param proxy the HTTP proxy, or null
     */
    public void connect(URI uri, List<String[]> headers, javax.net.ssl.SSLContext sslContext, URI proxy) {
        ClientEndpointConfig.Builder builder = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(requestedProtocols)
                .configurator(new Configurator(headers));
        if ("wss".equals(uri.getScheme())) {
            builder.sslContext(VerifyingSslContext.wrap(sslContext, Undertow.is(provider.container())));
        }
        ClientEndpointConfig config = builder.build();
        if (connectTimeout != null) {
            connectTimer = Threads.timer().schedule(this::connectTimedOut, connectTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        pendingConnect = provider.connect(new ConnectRequest(this, config, uri, connectTimeout, proxy, maxMessageSize));
        pendingConnect.whenComplete((s, failure) -> {
            pendingConnect = null;
            if (failure != null) {
                Throwable cause = unwrap(failure);
                fail(new ConnectionFailure("The WebSocket handshake with " + uri + " failed: " + describe(cause),
                        cause, HttpStatus.of(cause)), false);
            } else if (aborted || terminated.get()) {
                closeQuietly(s, CloseReason.CloseCodes.GOING_AWAY, "");
            }
        });
    }

    /** Fails a CONNECTING connection, for {@code close()} during CONNECTING (WHATWG close step 3.2). */
    public void abort(String why) {
        aborted = true;
        fail(new ConnectionFailure(why, null, -1), true);
        cancelPendingConnect();
    }

    private void connectTimedOut() {
        if (session == null && !terminated.get()) {
            aborted = true;
            fail(new ConnectionFailure("The WebSocket connection was not established within " + connectTimeout, null, -1),
                    true);
            cancelPendingConnect();
        }
    }

    private void redirected() {
        aborted = true;
        fail(new ConnectionFailure("The server answered the WebSocket handshake with a redirect, and the container"
                + " followed it; redirects are a network error for WebSocket (WHATWG WebSockets, \"obtain a WebSocket"
                + " connection\"; checklist item 16)", null, -1), true);
        cancelPendingConnect();
    }

    /** Gives up a connect still in progress, so that it does not hold a thread until the container's own timeout. */
    private void cancelPendingConnect() {
        java.util.concurrent.CompletionStage<Session> pending = pendingConnect;
        if (pending != null) {
            pending.toCompletableFuture().cancel(true);
        }
    }

    private final class Configurator extends ClientEndpointConfig.Configurator {
        private final List<String[]> headers;
        private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();

        Configurator(List<String[]> headers) {
            this.headers = headers;
        }

        @Override
        public void beforeRequest(Map<String, List<String>> request) {
            if (requests.getAndIncrement() > 0) {
                // A second handshake request from one connect: the container is following a redirect by itself
                // (Undertow does, for an absolute Location). The standard fails the connection on any redirect. (The
                // other reasons for a second request, Tyrus's and Tomcat's 401/407 retries and Tyrus's 503 retry, only
                // happen with credentials or retries configured on the container, which the bridge never does.)
                redirected();
                throw new IllegalStateException("wsbridge does not follow redirects of the WebSocket handshake");
            }
            for (Map.Entry<String, List<String>> e : request.entrySet()) {
                if (e.getKey() == null || e.getValue() == null || e.getValue().isEmpty()) {
                    continue;
                }
                if ("Sec-WebSocket-Key".equalsIgnoreCase(e.getKey())) {
                    requestKey = e.getValue().get(0);
                } else if ("Sec-WebSocket-Extensions".equalsIgnoreCase(e.getKey())) {
                    offeredExtensions = String.join(",", e.getValue());
                }
            }
            for (String[] header : headers) {
                request.keySet().removeIf(name -> name.equalsIgnoreCase(header[0]));
            }
            for (String[] header : headers) {
                request.computeIfAbsent(header[0], k -> new ArrayList<>()).add(header[1]);
            }
        }

        @Override
        public void afterResponse(HandshakeResponse response) {
            responseHeaders = response.getHeaders();
        }
    }

    @Override
    public void onOpen(Session openedSession, EndpointConfig config) {
        this.session = openedSession;
        cancel(connectTimer);
        connectTimer = null;
        // The handshake's request key and headers are needed only here: an open connection does not keep them (they
        // were about 40 % of what the bridge adds to the heap of an idle connection, docs/performance.md).
        Map<String, List<String>> headers = responseHeaders;
        String key = requestKey;
        String offered = offeredExtensions;
        responseHeaders = null;
        requestKey = null;
        offeredExtensions = "";
        if (aborted || terminated.get()) {
            closeQuietly(openedSession, CloseReason.CloseCodes.GOING_AWAY, "");
            return;
        }
        // RFC 6455 §4.1 response checks 2-5 (checklist item 21), which some containers skip.
        String invalid = HandshakeCheck.invalidResponse(key, offered, headers);
        if (invalid != null) {
            failEstablished(CloseReason.CloseCodes.PROTOCOL_ERROR, invalid);
            return;
        }
        // WHATWG "establish a WebSocket connection", processResponse step 2, and RFC 6455 §4.1 check 6, exactly.
        String protocol = header(headers, "Sec-WebSocket-Protocol");
        if (protocol == null) {
            protocol = openedSession.getNegotiatedSubprotocol();
        }
        protocol = protocol == null ? "" : protocol.trim();
        if (requestedProtocols.isEmpty() && !protocol.isEmpty()) {
            failEstablished(CloseReason.CloseCodes.PROTOCOL_ERROR, "The server selected the subprotocol '" + protocol
                    + "' although none was requested");
            return;
        }
        if (!requestedProtocols.isEmpty() && !requestedProtocols.contains(protocol)) {
            failEstablished(CloseReason.CloseCodes.PROTOCOL_ERROR, protocol.isEmpty()
                    ? "The server selected no subprotocol; one of " + requestedProtocols + " was requested"
                    : "The server selected the subprotocol '" + protocol + "', which is not one of " + requestedProtocols
                            + " (compared case-sensitively)");
            return;
        }
        String extensions = header(headers, "Sec-WebSocket-Extensions");
        if (extensions == null) {
            extensions = serialize(openedSession.getNegotiatedExtensions());
        }
        // The open task is queued before the handlers exist, so no message task can come before it.
        handler.established(protocol, extensions);
        openedSession.addMessageHandler(String.class, (MessageHandler.Partial<String>) this::onTextPart);
        openedSession.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) this::onBinaryPart);
        if (keepAlive != null) {
            keepAlive.start(openedSession); // a no-op if terminate already stopped it
        }
    }

    private static String header(Map<String, List<String>> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null) {
                return String.join(", ", e.getValue());
            }
        }
        return null;
    }

    private static String serialize(List<Extension> extensions) {
        if (extensions == null || extensions.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (Extension extension : extensions) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(extension.getName());
            for (Extension.Parameter p : extension.getParameters()) {
                out.append("; ").append(p.getName());
                if (p.getValue() != null) {
                    out.append('=').append(p.getValue());
                }
            }
        }
        return out.toString();
    }

    // ---- receive ----

    private void onTextPart(String part, boolean last) {
        if (terminated.get()) {
            return;
        }
        if (textParts == null && last) {
            // UTF-8 needs at most 3 bytes per UTF-16 unit: scan only a message that bound does not clear (hot path)
            if (3L * part.length() > maxMessageSize && Utf8.encodedLength(part) > maxMessageSize) {
                tooBig();
                return;
            }
            handler.text(part);
            return;
        }
        if (textParts == null) {
            textParts = new StringBuilder(Math.max(16, part.length() * 2));
            textBytes = 0;
        }
        textBytes += Utf8.encodedLength(part);
        if (textBytes > maxMessageSize) {
            textParts = null;
            tooBig();
            return;
        }
        textParts.append(part);
        if (last) {
            String message = textParts.toString();
            textParts = null;
            handler.text(message);
        }
    }

    private void onBinaryPart(ByteBuffer part, boolean last) {
        if (terminated.get()) {
            return;
        }
        int n = part.remaining();
        if ((long) binaryLength + n > maxMessageSize) {
            binaryParts = null;
            binaryLength = 0;
            tooBig();
            return;
        }
        if (binaryParts == null && last) {
            byte[] message = new byte[n];
            part.get(message);
            handler.binary(message);
            return;
        }
        if (binaryParts == null) {
            binaryParts = new byte[Math.max(n * 2, 256)];
            binaryLength = 0;
        } else if (binaryParts.length - binaryLength < n) {
            long wanted = Math.max((long) binaryParts.length * 2, (long) binaryLength + n);
            binaryParts = Arrays.copyOf(binaryParts, (int) Math.min(wanted, Integer.MAX_VALUE - 8));
        }
        part.get(binaryParts, binaryLength, n);
        binaryLength += n;
        if (last) {
            byte[] message = Arrays.copyOf(binaryParts, binaryLength);
            binaryParts = null;
            binaryLength = 0;
            handler.binary(message);
        }
    }

    private void tooBig() {
        failEstablished(CloseReason.CloseCodes.TOO_BIG, "A received message is larger than maxMessageSize ("
                + maxMessageSize + " bytes)");
    }

    // ---- send (SendQueue.Transport) ----

    /**
     * Messages above this many chars or bytes go out as fragments of this size through the blocking API (the caller is
     * the bridge's send thread): Tomcat's async send recurses per 8 KiB buffer and overflows the stack at about 4 MiB.
     */
    static final int FRAGMENT = 64 * 1024;

    /** The container's asynchronous send, which never blocks on containers with the capability, takes it whole. */
    @Override
    public boolean sendsWithoutBlocking(Object payload) {
        return nonBlockingSend && (payload instanceof String ? ((String) payload).length() <= FRAGMENT
                : ((ByteBuffer) payload).remaining() <= FRAGMENT);
    }

    @Override
    public void sendText(String text, SendHandler done) {
        if (text.length() <= FRAGMENT) {
            session.getAsyncRemote().sendText(text, done);
            return;
        }
        SendResult result;
        try {
            RemoteEndpoint.Basic remote = session.getBasicRemote();
            int at = 0;
            while (at < text.length()) {
                int end = Math.min(at + FRAGMENT, text.length());
                if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                    end--; // never split a surrogate pair
                }
                remote.sendText(text.substring(at, end), end == text.length());
                at = end;
            }
            result = new SendResult();
        } catch (IOException | RuntimeException e) {
            result = new SendResult(e);
        }
        done.onResult(result);
    }

    @Override
    public void sendBinary(ByteBuffer data, SendHandler done) {
        if (data.remaining() <= FRAGMENT) {
            session.getAsyncRemote().sendBinary(writable(data), done);
            return;
        }
        SendResult result;
        try {
            RemoteEndpoint.Basic remote = session.getBasicRemote();
            while (data.hasRemaining()) {
                ByteBuffer part = data.slice();
                part.limit(Math.min(FRAGMENT, data.remaining()));
                data.position(data.position() + part.remaining());
                remote.sendBinary(writable(part), !data.hasRemaining());
            }
            result = new SendResult();
        } catch (IOException | RuntimeException e) {
            result = new SendResult(e);
        }
        done.onResult(result);
    }

    /**
     * {@code data}, or a private copy of it if it is read-only (a {@code Blob}'s shared bytes). A container may write
     * into the buffer it is given: Undertow masks the payload in place, in the caller's buffer
     * ({@code WebSocket07FrameSinkChannel.createFrameHeader} calls {@code Masker.beforeWrite} on it), and on a read-only
     * buffer that throws inside its I/O thread, which drops the connection without a Close frame. The bridge's other
     * binary payloads are already its own copies.
     */
    private static ByteBuffer writable(ByteBuffer data) {
        if (!data.isReadOnly()) {
            return data;
        }
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data.duplicate()).flip();
        return copy;
    }

    /** RFC 6455 "start the WebSocket closing handshake", off the caller's thread. */
    @Override
    public void sendClose(Integer code, String reason) {
        Session s = session;
        if (terminated.get() || s == null) {
            return;
        }
        closeSent = true;
        CloseReason closeReason = code == null ? null : new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason);
        Threads.io().execute(() -> {
            try {
                provider.close(s, closeReason);
            } catch (IOException | IllegalStateException e) {
                // The session is already closing or closed; onClose, onError or the close timeout will report it.
            } catch (RuntimeException | LinkageError e) {
                // The container broke (for example a Jakarta API jar older than the container on the class path):
                // fail now rather than at the close timeout.
                fail(new ConnectionFailure("The container failed to send the Close frame: " + describe(e), e, -1),
                        false);
            }
        });
    }

    /**
     * {@code close()} started the closing handshake: from now on the connection has {@code closeTimeout} to end, even if
     * the Close frame is still queued behind messages a stalled peer does not read.
     */
    public void startClosingHandshakeTimer() {
        if (closeTimeout == null || terminated.get()) {
            return;
        }
        closeTimer = Threads.timer().schedule(this::closeTimedOut, closeTimeout.toNanos(), TimeUnit.NANOSECONDS);
        if (terminated.get()) {
            cancel(closeTimer); // terminate ran between the check and the assignment
        }
    }

    /**
     * A container send failed. Often that is because the session is closing (a Close from the server, a dropped
     * connection), and onClose is on its way with the real code: give it a moment before failing the connection.
     */
    public void sendFailed(ConnectionFailure failure) {
        if (terminated.get()) {
            return;
        }
        Threads.timer().schedule(() -> fail(failure, CloseReason.CloseCodes.GOING_AWAY), SEND_FAILURE_GRACE_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    private static final long SEND_FAILURE_GRACE_MILLIS = 1000;

    private void closeTimedOut() {
        fail(new ConnectionFailure("The server did not complete the closing handshake within " + closeTimeout, null, -1),
                false);
    }

    // ---- close and failure ----

    @Override
    public void onClose(Session closedSession, CloseReason closeReason) {
        Executor messages = Undertow.messageExecutor(closedSession);
        if (messages != null) {
            try {
                messages.execute(() -> closed(closeReason));
                return;
            } catch (RuntimeException rejected) {
                // the container is shutting down: no message can still be on its way
            }
        }
        closed(closeReason);
    }

    private void closed(CloseReason closeReason) {
        int code = closeReason == null ? CLOSED_ABNORMALLY : closeReason.getCloseCode().getCode();
        String phrase = closeReason == null || closeReason.getReasonPhrase() == null ? "" : closeReason.getReasonPhrase();
        if (code == CLOSED_ABNORMALLY || code == CloseReason.CloseCodes.TLS_HANDSHAKE_FAILURE.getCode()) {
            // No Close frame was received: the transport was lost [Amb-11].
            fail(new ConnectionFailure("The connection was closed without a closing handshake"
                    + (phrase.isEmpty() ? "" : ": " + phrase), pendingError, -1), false);
            return;
        }
        if (code == CloseReason.CloseCodes.PROTOCOL_ERROR.getCode()
                || code == CloseReason.CloseCodes.NOT_CONSISTENT.getCode()) {
            // Tyrus and Tomcat report a protocol error they detect (reserved opcode, invalid UTF-8, masked frame...)
            // only as onClose(1002 or 1007), never onError. The standard fails the connection then (RFC 6455 §7.1.7,
            // checklist item 70), so these two codes are taken as failures, whoever sent them.
            fail(new ConnectionFailure("The WebSocket connection failed: close code " + code
                    + (phrase.isEmpty() ? "" : " (" + phrase + ")"), pendingError, -1), false);
            return;
        }
        if (!closeSent && provider.isLocalFailure(closeReason)) {
            fail(new ConnectionFailure("The WebSocket connection failed: " + provider.name() + " closed it with code "
                    + code + (phrase.isEmpty() ? "" : " (" + phrase + ")"), pendingError, -1), false);
            return;
        }
        // When we started the close, Tyrus and Tomcat hand back our own code and reason, which must not be reinterpreted.
        CloseReason peer = closeSent ? closeReason : provider.peerCloseReason(closeReason);
        terminate(peer.getCloseCode().getCode(), peer.getReasonPhrase() == null ? "" : peer.getReasonPhrase(), true, null);
    }

    @Override
    /**
     * The container reports an error. Containers call onClose right after it for a broken connection (with 1006,
     * 1002...), and Tyrus also reports a close racing the server's Close as {@code IllegalStateException: The
     * connection has been closed}: so onClose, which knows the code, decides; the error only becomes the failure's cause.
     * If no onClose follows within a second, the error fails the connection itself.
     */
    public void onError(Session erroredSession, Throwable thrown) {
        if (terminated.get()) {
            return;
        }
        if (pendingError == null) {
            pendingError = thrown;
        }
        ConnectionFailure failure = new ConnectionFailure("The WebSocket connection failed: " + describe(thrown), thrown,
                -1);
        Threads.timer().schedule(() -> fail(failure, true), ERROR_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static final long ERROR_GRACE_MILLIS = 1000;

    /** Fails an established connection: sends a Close with {@code code} (RFC 6455 §7.1.7) and reports 1006. */
    private void failEstablished(CloseReason.CloseCodes code, String why) {
        fail(new ConnectionFailure(why, null, -1), code);
    }

    /**
     * "Fail the WebSocket connection" with a Close of {@code code} to the peer (RFC 6455 §7.1.7): a bad handshake
     * response, a message over the limit, a failed send, the send buffer flagged as full.
     */
    public void fail(ConnectionFailure failure, CloseReason.CloseCodes code) {
        if (fail(failure, false)) {
            Session s = session;
            if (s != null) {
                Threads.io().execute(() -> closeQuietly(s, code, ""));
            }
        }
    }

    /** "Fail the WebSocket connection": report 1006 with the failure. True if this call was the one that reported. */
    private boolean fail(ConnectionFailure failure, boolean closeSession) {
        boolean reported = terminate(CLOSED_ABNORMALLY, "", false, failure);
        if (reported && closeSession) {
            Session s = session;
            if (s != null) {
                Threads.io().execute(() -> closeQuietly(s, CloseReason.CloseCodes.GOING_AWAY, ""));
            }
        }
        return reported;
    }

    private boolean terminate(int code, String reason, boolean wasClean, ConnectionFailure failure) {
        if (!terminated.compareAndSet(false, true)) {
            return false;
        }
        cancel(connectTimer);
        cancel(closeTimer);
        if (keepAlive != null) {
            keepAlive.stop();
        }
        handler.closed(code, reason, wasClean, failure);
        return true;
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private static void closeQuietly(Session s, CloseReason.CloseCodes code, String reason) {
        try {
            if (s.isOpen()) {
                s.close(new CloseReason(code, reason));
            }
        } catch (IOException | RuntimeException ignored) {
            // already closed
        }
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(Throwable t) {
        StringBuilder out = new StringBuilder();
        for (Throwable c = t; c != null && out.length() < 400; c = c.getCause() == c ? null : c.getCause()) {
            if (out.length() > 0) {
                out.append(" <- ");
            }
            out.append(c.getClass().getSimpleName());
            if (c.getMessage() != null) {
                out.append(": ").append(c.getMessage());
            }
        }
        return out.toString();
    }
}
