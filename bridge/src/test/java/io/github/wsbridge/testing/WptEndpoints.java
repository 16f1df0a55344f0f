package io.github.wsbridge.testing;

import io.github.wsbridge.testing.WptConfigurator.Handshake;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.jetty.ee11.websocket.jakarta.common.JakartaWebSocketSession;

/**
 * The {@link WptServer} endpoints, each mimicking a web-platform-tests pywebsocket handler
 * ({@code websockets/handlers/NAME_wsh.py}) with pywebsocket's conventions:
 * <ul>
 * <li>when the handler "returns", the server starts the close with 1000 and an empty reason ({@link Base#finish()});</li>
 * <li>a client's Close is answered with its own code and reason, or with an empty Close when it had no body: that is
 *     Jetty's own reply once {@code onClose} returns (see {@link Echo}); endpoints that answer differently say so.</li>
 * </ul>
 */
public final class WptEndpoints {

    /** Enough for WPT's 64 KiB and 65000-byte messages, and for {@code /send-backpressure}'s 1 MiB ones. */
    static final int MAX_MESSAGE = 32 * 1024 * 1024;

    private WptEndpoints() {
    }

    /** Every path of {@link WptServer}, in the order of wpt-inventory's server profile. */
    static List<WptRoute> routes(Pause pause) {
        return List.of(
                WptRoute.of("/echo", Echo::new).withSubprotocols(Subprotocols.ECHO),
                WptRoute.of("/echo_exit", EchoExit::new),
                WptRoute.of("/echo_close_data", EchoExit::new),
                WptRoute.of("/handshake_no_extensions", CloseAfterOpen::new).withoutExtensions(),
                WptRoute.of("/handshake_no_protocol", CloseAfterOpen::new).withSubprotocols(Subprotocols.IGNORE),
                WptRoute.of("/handshake_protocol", CloseAfterOpen::new).withSubprotocols(Subprotocols.ALWAYS_FOOBAR),
                WptRoute.of("/handshake_sleep_2", CloseAfterOpen::new).withHandshakeDelay(2_000),
                WptRoute.of("/sleep_10_v13", Echo::new).withHandshakeDelay(10_000),
                WptRoute.of("/close-1000-after-open", CloseAfterOpen::new),
                WptRoute.of("/basic_auth", CloseAfterOpen::new).withBasicAuth(),
                WptRoute.of("/delayed-passive-close", () -> new DelayedPassiveClose(pause)),
                WptRoute.of("/passive-close-abort", PassiveCloseAbort::new),
                WptRoute.of("/remote-close", RemoteClose::new),
                WptRoute.of("/abrupt", Abrupt::new),
                WptRoute.of("/empty-message", EmptyMessage::new),
                WptRoute.of("/sink", Sink::new),
                WptRoute.of("/echo-query", () -> new Reply(Handshake::query)),
                WptRoute.of("/echo-query_v13", () -> new Reply(Handshake::query)),
                WptRoute.of("/protocol", () -> new Reply(null)).withSubprotocols(Subprotocols.VERBATIM),
                WptRoute.of("/protocol_array", () -> new Reply(null)).withSubprotocols(Subprotocols.FIRST),
                WptRoute.of("/origin", () -> new Reply(h -> h.header("Origin", ""))),
                WptRoute.of("/referrer", () -> new Reply(h -> h.header("Referer", "MISSING AS PER FETCH"))),
                WptRoute.of("/echo-cookie", () -> new Reply(h -> h.header("Cookie", "(none)"))),
                WptRoute.of("/headers", () -> new Reply(WptEndpoints::headerLines)),
                WptRoute.of("/slow-reader", () -> new SlowReader(pause, -1)).withoutExtensions(),
                WptRoute.of("/receive-many-with-backpressure", () -> new SlowReader(pause, 100)).withoutExtensions(),
                WptRoute.of("/receive-backpressure", () -> new ReceiveBackpressure(pause)).withoutExtensions(),
                WptRoute.of("/send-backpressure", SendBackpressure::new).withoutExtensions());
    }

    /** Each header value as a {@code Name: value\n} line, names as Jetty reports them. */
    static String headerLines(Handshake h) {
        StringBuilder sb = new StringBuilder();
        h.headers().forEach((name, values) -> values.forEach(v -> sb.append(name).append(": ").append(v).append('\n')));
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------------------- base

    /**
     * The shape of a pywebsocket handler on a Jakarta {@link Endpoint}: {@link #opened()} is
     * {@code web_socket_transfer_data}'s start, {@link #onText}/{@link #onBinary} its reads; a client's Close is seen in
     * {@link #onClose}, and when it returns Jetty answers with the same code and reason (or an empty Close).
     */
    public abstract static class Base extends Endpoint {
        protected Session session;
        protected EndpointConfig config;

        @Override
        public final void onOpen(Session session, EndpointConfig config) {
            this.session = session;
            this.config = config;
            session.setMaxTextMessageBufferSize(MAX_MESSAGE);
            session.setMaxBinaryMessageBufferSize(MAX_MESSAGE);
            // Jetty splits outgoing messages into 64 KiB frames by default; pywebsocket sends one frame per message.
            ((JakartaWebSocketSession) session).getCoreSession().setMaxFrameSize(MAX_MESSAGE);
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::onText);
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) this::onBinary);
            opened();
        }

        /** Runs right after the handshake, on Jetty's thread, before any message is read. */
        protected void opened() {
        }

        protected void onText(String message) {
        }

        protected void onBinary(ByteBuffer message) {
        }

        /** A client's misbehaviour is the test's to observe, not the server's to report. */
        @Override
        public void onError(Session session, Throwable error) {
        }

        /** The handshake request, as {@link WptConfigurator} recorded it. */
        protected final Handshake handshake() {
            return (Handshake) config.getUserProperties().get(WptConfigurator.HANDSHAKE);
        }

        /** The first value of a query parameter, decoded, or null. */
        protected final String param(String name) {
            List<String> values = session.getRequestParameterMap().get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        protected final void sendText(String text) {
            try {
                session.getBasicRemote().sendText(text);
            } catch (IOException | IllegalStateException e) {
                // the client has gone; nothing to do
            }
        }

        protected final void sendBinary(ByteBuffer data) {
            try {
                session.getBasicRemote().sendBinary(data);
            } catch (IOException | IllegalStateException e) {
                // the client has gone
            }
        }

        /** The handler "returns": the server starts the close with 1000 and an empty reason. */
        protected final void finish() {
            close(1000, "");
        }

        /**
         * Sends a Close with {@code code} and {@code reason}; {@code code} -1 sends a Close with <em>no body</em>.
         * Jetty maps code 1005 (NO_STATUS_CODE), which may not appear on the wire, to an empty Close frame.
         */
        protected final void close(int code, String reason) {
            CloseReason.CloseCode closeCode = code < 0 ? CloseReason.CloseCodes.NO_STATUS_CODE : () -> code;
            try {
                session.close(new CloseReason(closeCode, code < 0 ? "" : reason));
            } catch (IOException | IllegalStateException e) {
                // already closed
            }
        }

        /** Drops TCP without a Close frame (pywebsocket's {@code AbortedByUserException}). */
        protected final void abort() {
            ((JakartaWebSocketSession) session).getCoreSession().abort();
        }
    }

    // -------------------------------------------------------------------------------------------------- endpoints

    /**
     * {@code echo_wsh.py} ({@code /echo}, and {@code /sleep_10_v13} after its 10 s handshake delay): echoes text as text
     * and binary as binary; after echoing {@code Goodbye} closes with 1000 ""; answers a client's Close with the same
     * code and reason, or with an empty Close when the client's had no body (Jetty's default reply).
     */
    public static final class Echo extends Base {
        @Override
        protected void onText(String message) {
            sendText(message);
            if (message.equals("Goodbye")) {
                finish();
            }
        }

        @Override
        protected void onBinary(ByteBuffer message) {
            sendBinary(message);
        }
    }

    /**
     * {@code echo_exit_wsh.py} and {@code echo_close_data_wsh.py}: reads without echoing; on {@code Goodbye} closes with
     * 1000 ""; a client's Close is answered with pywebsocket's default 1000 "" (not an echo).
     */
    public static final class EchoExit extends Base {
        @Override
        protected void onText(String message) {
            if (message.equals("Goodbye")) {
                finish();
            }
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            finish();
        }
    }

    /**
     * The handlers whose {@code web_socket_transfer_data} returns at once: {@code handshake_no_extensions},
     * {@code handshake_no_protocol}, {@code handshake_protocol}, {@code handshake_sleep_2}, {@code basic_auth},
     * and {@code /close-1000-after-open}: the server closes with 1000 "" right after the handshake.
     */
    public static final class CloseAfterOpen extends Base {
        @Override
        protected void opened() {
            finish();
        }
    }

    /** {@code delayed-passive-close_wsh.py}: an {@link Echo} that waits 1 s after a client's Close before answering it. */
    public static final class DelayedPassiveClose extends Base {
        private final Pause pause;

        DelayedPassiveClose(Pause pause) {
            this.pause = pause;
        }

        @Override
        protected void onText(String message) {
            sendText(message);
        }

        @Override
        protected void onBinary(ByteBuffer message) {
            sendBinary(message);
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            pause.sleep(1_000); // then Jetty echoes the close
        }
    }

    /** {@code passive-close-abort_wsh.py}: reads until the client's Close, then drops TCP without a Close frame. */
    public static final class PassiveCloseAbort extends Base {
        @Override
        public void onClose(Session session, CloseReason closeReason) {
            abort();
        }
    }

    /**
     * {@code remote-close_wsh.py}: {@code /remote-close?code=N&reason=R} starts the close with N and R right after the
     * handshake; without {@code code} it sends an empty Close ({@code reason} only counts with a code);
     * {@code ?abrupt=1} sends a Ping and drops TCP with no Close.
     */
    public static final class RemoteClose extends Base {
        @Override
        protected void opened() {
            if ("1".equals(param("abrupt"))) {
                try {
                    session.getBasicRemote().sendPing(ByteBuffer.allocate(0));
                } catch (IOException e) {
                    // dropping anyway
                }
                abort();
                return;
            }
            String code = param("code");
            if (code == null) {
                close(-1, null);
            } else {
                String reason = param("reason");
                close(Integer.parseInt(code), reason == null ? "" : reason);
            }
        }
    }

    /** {@code /abrupt}: drops TCP right after the handshake, without a Close frame. */
    public static final class Abrupt extends Base {
        @Override
        protected void opened() {
            abort();
        }
    }

    /** {@code empty-message_wsh.py}: replies {@code pass} if the first message is "" and {@code fail} otherwise, closes. */
    /** Reads every message and never answers. */
    public static final class Sink extends Base {
    }

    public static final class EmptyMessage extends Base {
        @Override
        protected void onText(String message) {
            sendText(message.isEmpty() ? "pass" : "fail");
            finish();
        }

        @Override
        protected void onBinary(ByteBuffer message) {
            sendText("fail");
            finish();
        }
    }

    /**
     * The handlers that send one text message computed from the handshake, then close with 1000 "":
     * {@code echo-query} and {@code echo-query_v13} (the raw query), {@code protocol} and {@code protocol_array}
     * (the selected subprotocol), {@code origin} (Origin or ""), {@code referrer} (Referer or
     * {@code MISSING AS PER FETCH}), {@code echo-cookie} (Cookie or {@code (none)}), and {@code /headers} (every
     * request header as {@code Name: value\n} lines, for checking extra handshake headers).
     */
    public static final class Reply extends Base {
        private final Function<Handshake, String> reply;

        /** @param reply what to send; null sends the negotiated subprotocol */
        Reply(Function<Handshake, String> reply) {
            this.reply = reply;
        }

        @Override
        protected void opened() {
            String text = reply == null ? session.getNegotiatedSubprotocol() : reply.apply(handshake());
            sendText(text == null ? "" : text);
            finish();
        }
    }

    /**
     * {@code receive-many-with-backpressure_wsh.py} ({@code /receive-many-with-backpressure}, 100 ms) and
     * {@code /slow-reader?ms=N} (N ms, default 2000): loops "sleep, read one message, reply with its length as text"
     * (code points for text, bytes for binary). While it sleeps Jetty reads nothing, so the client's sends back up.
     */
    public static final class SlowReader extends Base {
        private final Pause pause;
        private long millis;

        SlowReader(Pause pause, long millis) {
            this.pause = pause;
            this.millis = millis;
        }

        @Override
        protected void opened() {
            if (millis < 0) {
                String ms = param("ms");
                millis = ms == null ? 2_000 : Long.parseLong(ms);
            }
            pause.sleep(millis);
        }

        @Override
        protected void onText(String message) {
            sendText(Integer.toString(message.codePointCount(0, message.length())));
            pause.sleep(millis);
        }

        @Override
        protected void onBinary(ByteBuffer message) {
            sendText(Integer.toString(message.remaining()));
            pause.sleep(millis);
        }
    }

    /** {@code receive-backpressure_wsh.py}: sleeps 2 s, reads one message, then closes with 1000 "". */
    public static final class ReceiveBackpressure extends Base {
        private final Pause pause;

        ReceiveBackpressure(Pause pause) {
            this.pause = pause;
        }

        @Override
        protected void opened() {
            pause.sleep(2_000);
        }

        @Override
        protected void onText(String message) {
            finish();
        }

        @Override
        protected void onBinary(ByteBuffer message) {
            finish();
        }
    }

    /**
     * {@code send-backpressure_wsh.py}: sends one empty binary message, then 16 binary messages of 1 MiB, then a text
     * message with the seconds that took, then closes with 1000 "".
     */
    public static final class SendBackpressure extends Base {
        @Override
        protected void opened() {
            sendBinary(ByteBuffer.allocate(0));
            long start = System.nanoTime();
            byte[] mib = new byte[1024 * 1024];
            for (int i = 0; i < 16; i++) {
                sendBinary(ByteBuffer.wrap(mib));
            }
            sendText(Double.toString((System.nanoTime() - start) / 1e9));
            finish();
        }
    }

    static Map<String, WptRoute> byPath(List<WptRoute> routes) {
        Map<String, WptRoute> m = new LinkedHashMap<>();
        routes.forEach(r -> m.put(r.path(), r));
        return m;
    }
}
