package io.github.wsbridge.testing;

import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An embedded Jetty 12.1 (ee11) Jakarta WebSocket server that mimics the web-platform-tests pywebsocket handlers the
 * WPT {@code websockets/} tests connect to, bound to 127.0.0.1 on an ephemeral port.
 *
 * <pre>{@code
 * try (var server = WptServer.start()) {
 *     URI echo = server.uri("/echo");
 *     ...
 * }
 * }</pre>
 *
 * <p>pywebsocket's defaults hold on every path: an unknown path gets HTTP 404; if the client requested subprotocols and
 * the handler selects none, HTTP 400; when a handler "returns", the server closes with 1000 and an empty reason; a
 * client's Close is answered with its own code and reason, or with an empty Close (no status code) when it had no body.
 *
 * <p>Paths (see {@link WptEndpoints} for each handler; refusals and delays are in {@link HandshakeGate}):
 * <ul>
 * <li>{@code /echo}: echo text/binary; selects {@code echo}; closes 1000 "" after echoing {@code Goodbye}; echoes the
 *     client's Close, body-less for body-less.</li>
 * <li>{@code /echo_exit}, {@code /echo_close_data}: no echo; closes 1000 "" on {@code Goodbye}; answers a client's
 *     Close with 1000 "".</li>
 * <li>{@code /handshake_no_extensions} (no extension), {@code /handshake_no_protocol} (no Sec-WebSocket-Protocol
 *     even if requested, never 400), {@code /handshake_protocol} (always {@code Sec-WebSocket-Protocol: foobar}, even
 *     if nothing or something else was requested), {@code /close-1000-after-open}: close 1000 "" after the handshake.</li>
 * <li>{@code /handshake_sleep_2}: 101 after 2 s, then close 1000 ""; {@code /sleep_10_v13}: 101 after 10 s, then
 *     {@code /echo}.</li>
 * <li>{@code /basic_auth}: 401 ({@code WWW-Authenticate: Basic realm="camelot"}) unless
 *     {@code Authorization: Basic Zm9vOmJhcg==}; then close 1000 "".</li>
 * <li>{@code /delayed-passive-close}: echoes; answers a client's Close like {@code /echo}, 1 s late.</li>
 * <li>{@code /passive-close-abort}: on a client's Close, drops TCP without a Close. {@code /abrupt}: drops TCP right
 *     after the handshake.</li>
 * <li>{@code /remote-close?code=N&reason=R}: starts the close with N, R at once (empty Close without {@code code});
 *     {@code ?abrupt=1}: a Ping, then TCP dropped.</li>
 * <li>{@code /empty-message}: {@code pass} if the first message is "", else {@code fail}; then close 1000 "".</li>
 * <li>{@code /echo-query}, {@code /echo-query_v13} (raw query), {@code /protocol} (selects the single requested
 *     protocol verbatim), {@code /protocol_array} (selects the first), {@code /origin} (Origin or ""),
 *     {@code /referrer} (Referer or {@code MISSING AS PER FETCH}), {@code /echo-cookie} (Cookie or {@code (none)}),
 *     {@code /headers} (all request headers, {@code Name: value\n}): one text message, then close 1000 "".</li>
 * <li>{@code /slow-reader?ms=N} (default 2000) and {@code /receive-many-with-backpressure} (100 ms): sleep, read one
 *     message, reply with its length, repeat. {@code /receive-backpressure}: sleep 2 s, read one message, close.
 *     {@code /send-backpressure}: an empty binary, 16 x 1 MiB binary, a text with the seconds taken, close.</li>
 * </ul>
 * What Jetty cannot do (garbage status lines, wrong Accept keys, reserved opcodes, ...) is in {@link RawServer}.
 */
public final class WptServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;
    private ServerConnector tls;        // null without TLS
    private ServerConnector wrongHost;  // null without TLS
    private final Pause pause;
    private final Map<String, WptRoute> routes;

    private WptServer(Server server, ServerConnector connector, Pause pause, Map<String, WptRoute> routes) {
        this.server = server;
        this.connector = connector;
        this.pause = pause;
        this.routes = routes;
    }

    /** Starts a server on 127.0.0.1 and an ephemeral port; it is ready when this returns. */
    public static WptServer start() throws Exception {
        return start(null);
    }

    /**
     * Starts a server with, besides the plain port, two TLS ports serving the same paths: one with the certificate for
     * 127.0.0.1 ({@link #wssUri}), one with a certificate that names another host ({@link #wrongHostUri}).
     */
    public static WptServer startTls(TestCertificates certificates) throws Exception {
        return start(java.util.Objects.requireNonNull(certificates));
    }

    private static WptServer start(TestCertificates certificates) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("WptServer");
        threads.setDaemon(true);
        Server server = new Server(threads);
        server.setStopTimeout(0); // no graceful wait for open sessions: close() is immediate
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServerConnector tls = null;
        ServerConnector wrongHost = null;
        if (certificates != null) {
            tls = tlsConnector(server, certificates.loopback());
            wrongHost = tlsConnector(server, certificates.wrongHost());
        }

        Pause pause = new Pause();
        Map<String, WptRoute> routes = WptEndpoints.byPath(WptEndpoints.routes(pause));
        ServletContextHandler context = new ServletContextHandler("/");
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            container.setDefaultMaxTextMessageBufferSize(WptEndpoints.MAX_MESSAGE);
            container.setDefaultMaxBinaryMessageBufferSize(WptEndpoints.MAX_MESSAGE);
            for (WptRoute route : routes.values()) {
                container.addEndpoint(ServerEndpointConfig.Builder.create(route.type(), route.path())
                        .configurator(new WptConfigurator(route))
                        .build());
            }
        });
        server.setHandler(new HandshakeGate(routes, pause, context));
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        // Jetty ties every Jakarta client container made later under this class loader to this server's lifecycle (its
        // web-app shutdown mechanism, JakartaWebSocketClientContainer.setShutdownContainer), so stopping one test server
        // would stop the Jetty client containers of unrelated tests. A standalone client never has that: undo it.
        org.eclipse.jetty.ee11.websocket.jakarta.client.JakartaWebSocketClientContainer.setShutdownContainer(null);
        WptServer started = new WptServer(server, connector, pause, routes);
        started.tls = tls;
        started.wrongHost = wrongHost;
        return started;
    }

    private static ServerConnector tlsConnector(Server server, java.security.KeyStore keys) {
        org.eclipse.jetty.util.ssl.SslContextFactory.Server ssl = new org.eclipse.jetty.util.ssl.SslContextFactory.Server();
        ssl.setKeyStore(keys);
        ssl.setKeyStorePassword(TestCertificates.PASSWORD);
        ServerConnector c = new ServerConnector(server, ssl);
        c.setHost("127.0.0.1");
        c.setPort(0);
        server.addConnector(c);
        return c;
    }

    /** {@code wss://127.0.0.1:PORT} + {@code pathAndQuery}, with the certificate for 127.0.0.1. */
    public URI wssUri(String pathAndQuery) {
        return URI.create("wss://127.0.0.1:" + requireTls(tls).getLocalPort() + requireSlash(pathAndQuery));
    }

    /** {@code wss://127.0.0.1:PORT} + {@code pathAndQuery}, on a port whose certificate names only wrong.example. */
    public URI wrongHostUri(String pathAndQuery) {
        return URI.create("wss://127.0.0.1:" + requireTls(wrongHost).getLocalPort() + requireSlash(pathAndQuery));
    }

    private static ServerConnector requireTls(ServerConnector c) {
        if (c == null) {
            throw new IllegalStateException("this server was started without TLS: use WptServer.startTls");
        }
        return c;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** {@code ws://127.0.0.1:PORT} + {@code pathAndQuery} (which must start with '/'). */
    public URI uri(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + port() + requireSlash(pathAndQuery));
    }

    /** {@code http://127.0.0.1:PORT} + {@code pathAndQuery}. */
    public URI httpUri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + requireSlash(pathAndQuery));
    }

    /** The paths served; every other path gets 404. */
    public Set<String> paths() {
        return Collections.unmodifiableSet(routes.keySet());
    }

    /** Ends every handler delay, then stops Jetty at once: open connections are closed without a closing handshake. */
    @Override
    public void close() {
        pause.release();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop Jetty", e);
        }
    }

    private static String requireSlash(String pathAndQuery) {
        return RawServer.requireSlash(pathAndQuery);
    }
}
