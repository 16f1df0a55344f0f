package io.github.wsbridge.tyrus;

import io.github.wsbridge.internal.Tyrus;
import io.github.wsbridge.spi.Capability;
import io.github.wsbridge.spi.ConnectRequest;
import io.github.wsbridge.spi.WebSocketProvider;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.ThreadPoolConfig;

/**
 * The {@code "tyrus"} provider: the bridge on Tyrus's {@link ClientManager}, found by {@link java.util.ServiceLoader}
 * when {@code wsbridge-tyrus} is on the class path (WHATWG WebSockets §"establish a WebSocket connection", delegated to
 * Tyrus).
 *
 * <ul>
 *   <li><b>Non-blocking connect</b> ({@link Capability#ASYNC_CONNECT}): {@code asyncConnectToServer}, whose future
 *       Tyrus completes itself; no caller thread and no bridge thread waits for a handshake. (Tyrus's own connector task
 *       waits for the handshake response on one of Tyrus's pool threads, at most the handshake timeout.)</li>
 *   <li><b>Handshake timeout</b> ({@link Capability#CONNECT_TIMEOUT}): the connect timeout becomes Tyrus's
 *       {@code HANDSHAKE_TIMEOUT}, so Tyrus's connector task stops waiting for the 101 when the bridge gives up. (The
 *       TCP connect and a wss TLS handshake keep Tyrus's fixed 30 s limits; the bridge fails the socket at the connect
 *       timeout all the same.)</li>
 *   <li><b>HTTP proxy</b> ({@link Capability#PROXY}): {@code PROXY_URI}, and user info in the proxy URL becomes a
 *       {@code Proxy-Authorization: Basic} header ({@code PROXY_HEADERS}).</li>
 *   <li><b>TLS</b> ({@link Capability#TLS_CONTEXT}): the bridge's {@code SSLContext} through
 *       {@code ClientEndpointConfig.getSSLContext()}, with host-name verification on.</li>
 *   <li><b>Redirects are never followed</b> ({@code REDIRECT_ENABLED} false): the standard fails the connection on a
 *       3xx.</li>
 *   <li><b>Message size</b>: Tyrus's incoming frame limit ({@code incomingBufferSize}, 4 MiB by default) is raised to the
 *       bridge's {@code maxMessageSize}, per connection; Tyrus grows its buffer in steps up to that limit.</li>
 *   <li><b>One shared container</b> ({@link Capability#SHUTDOWN}): one {@code ClientManager} on Tyrus's shared Grizzly
 *       transport, with bounded pools of daemon threads: Grizzly's workers ({@code tyrus-client-worker}), Tyrus's
 *       connector tasks ({@code tyrus-connector-n}, each waiting for one handshake response) and one timer thread
 *       ({@link SharedClientManager}); all of them end after {@value #IDLE_SECONDS} s without connections.</li>
 * </ul>
 *
 * <p>Tyrus reads these options from the container's property map when a connect starts (it copies the map and reads
 * the handshake timeout synchronously in {@code asyncConnectToServer}). So each connect sets them and calls
 * {@code asyncConnectToServer} while holding {@link #lock}; that call only schedules the connect and returns at once.
 *
 * <p>Limitation (Tyrus's shared transport): a handshake that never completes (a server that accepts TCP and never
 * answers) fails the socket at the connect timeout, and its connector thread returns, but Tyrus keeps that TCP
 * connection open (its shared transport has no handshake-timeout handler) until the server closes it; while it is open,
 * the transport's worker threads stay too. Pinned by {@code TyrusProviderTest#aTimedOutHandshakeLeavesItsTcpConnectionOpen}.
 *
 * <p>A {@code ClientManager} the application passes ({@code WebSocketInit.container}) is used as it is: its properties
 * are the application's, so the proxy, handshake timeout and shared-transport options are not set on it and the
 * provider bound to it has only {@link Capability#ASYNC_CONNECT} and {@link Capability#TLS_CONTEXT}.
 *
 * <p>Thread-safe: one instance serves every socket.
 */
public final class TyrusProvider implements WebSocketProvider {

    /** The name {@code WebSocketInit.provider(name)} selects this provider by. */
    public static final String NAME = "tyrus";

    /** The name of the shared transport's worker threads. */
    static final String WORKER_POOL = "tyrus-client-worker";

    /** Seconds without connections after which the shared transport's threads end. */
    static final int IDLE_SECONDS = 5;

    /** Tyrus's default handshake timeout, restored for connects without a timeout. */
    private static final int DEFAULT_HANDSHAKE_TIMEOUT_MS = 30_000;

    private final Object lock = new Object();
    private final boolean owned;
    private ClientManager manager; // guarded by lock; created on first use when owned

    /** The default provider, with its own shared container (created on first use). */
    public TyrusProvider() {
        this.owned = true;
    }

    private TyrusProvider(ClientManager manager) {
        this.owned = false;
        this.manager = manager;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public WebSocketContainer container() {
        synchronized (lock) {
            if (manager == null) {
                manager = sharedManager();
            }
            return manager;
        }
    }

    private static ClientManager sharedManager() {
        ClientManager m = new SharedClientManager();
        Map<String, Object> p = m.getProperties();
        p.put(ClientProperties.SHARED_CONTAINER, true);
        p.put(ClientProperties.SHARED_CONTAINER_IDLE_TIMEOUT, IDLE_SECONDS);
        int workers = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        p.put(ClientProperties.WORKER_THREAD_POOL_CONFIG, ThreadPoolConfig.defaultConfig()
                .setPoolName(WORKER_POOL).setDaemon(true).setCorePoolSize(workers).setMaxPoolSize(workers));
        p.put(ClientProperties.REDIRECT_ENABLED, false);
        return m;
    }

    @Override
    public Set<Capability> capabilities() {
        return owned
                ? Collections.unmodifiableSet(EnumSet.of(Capability.ASYNC_CONNECT, Capability.CONNECT_TIMEOUT,
                        Capability.PROXY, Capability.TLS_CONTEXT, Capability.SHUTDOWN, Capability.NON_BLOCKING_SEND))
                : Collections.unmodifiableSet(EnumSet.of(Capability.ASYNC_CONNECT, Capability.TLS_CONTEXT,
                        Capability.NON_BLOCKING_SEND));
    }

    /** A provider on the application's own {@link ClientManager}; null for any other container. */
    @Override
    public WebSocketProvider withContainer(WebSocketContainer container) {
        return container instanceof ClientManager ? new TyrusProvider((ClientManager) container) : null;
    }

    @Override
    public CompletionStage<Session> connect(ConnectRequest request) {
        Objects.requireNonNull(request, "request");
        ClientManager m = (ClientManager) container();
        Tyrus.raiseFrameLimit(request.config().getUserProperties(), request.maxMessageSize());
        Attempt attempt = new Attempt();
        Future<Session> started;
        try {
            synchronized (lock) {
                if (owned) {
                    configure(m.getProperties(), request);
                }
                try {
                    started = m.asyncConnectToServer(request.endpoint(), request.config(), request.uri());
                } finally {
                    if (owned) {
                        reset(m.getProperties()); // a connect made directly on container() gets no leftover proxy
                    }
                }
            }
        } catch (Exception e) {
            attempt.completeExceptionally(e);
            return attempt;
        }
        if (!(started instanceof CompletionStage)) {
            attempt.completeExceptionally(new IllegalStateException("This Tyrus version's asyncConnectToServer does not"
                    + " return a CompletableFuture (" + started.getClass().getName() + "); use Tyrus 2.x"));
            started.cancel(true);
            return attempt;
        }
        @SuppressWarnings("unchecked")
        CompletionStage<Session> stage = (CompletionStage<Session>) started;
        stage.whenComplete((session, failure) -> {
            if (failure != null) {
                attempt.completeExceptionally(failure);
            } else if (!attempt.complete(session) && session.isOpen()) {
                try {
                    session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "")); // given up meanwhile
                } catch (IOException | RuntimeException ignored) {
                    // already closing: nothing more to release
                }
            }
        });
        return attempt;
    }

    /** The per-connection options, in the property map Tyrus copies when {@code asyncConnectToServer} starts. */
    private static void configure(Map<String, Object> p, ConnectRequest request) {
        p.put(ClientProperties.HANDSHAKE_TIMEOUT, request.connectTimeout() == null ? DEFAULT_HANDSHAKE_TIMEOUT_MS
                : (int) Math.max(1, Math.min(Integer.MAX_VALUE, request.connectTimeout().toMillis())));
        URI proxy = request.proxy();
        if (proxy == null) {
            p.remove(ClientProperties.PROXY_URI);
            p.remove(ClientProperties.PROXY_HEADERS);
            return;
        }
        int port = proxy.getPort() == -1 ? 80 : proxy.getPort();
        p.put(ClientProperties.PROXY_URI, "http://" + proxy.getHost() + ":" + port);
        String userInfo = proxy.getUserInfo(); // decoded: user:password
        if (userInfo == null) {
            p.remove(ClientProperties.PROXY_HEADERS);
        } else {
            p.put(ClientProperties.PROXY_HEADERS, Map.of("Proxy-Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8))));
        }
    }

    /** Back to the shared container's own settings, once Tyrus has copied them for a connect. */
    private static void reset(Map<String, Object> p) {
        p.remove(ClientProperties.PROXY_URI);
        p.remove(ClientProperties.PROXY_HEADERS);
        p.put(ClientProperties.HANDSHAKE_TIMEOUT, DEFAULT_HANDSHAKE_TIMEOUT_MS);
    }

    /** The attempt the bridge holds; cancelling it leaves Tyrus to end its own task at the handshake timeout. */
    private static final class Attempt extends CompletableFuture<Session> {
    }

    /** Tyrus cannot send a Close frame without a body: {@code close()} sends 1000 with no reason. */
    @Override
    public void close(Session session, CloseReason reason) throws IOException {
        session.close(reason != null ? reason : new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
    }

    /** Tyrus's stand-in for a received body-less Close reads 1005, as the standard says ({@link Tyrus}). */
    @Override
    public CloseReason peerCloseReason(CloseReason reported) {
        return Tyrus.peerCloseReason(reported);
    }

    /** Tyrus's close for a frame too big for its buffer fails the connection ({@link Tyrus}). */
    @Override
    public boolean isLocalFailure(CloseReason reported) {
        return Tyrus.isLocalFailure(reported);
    }

    @Override
    public String toString() {
        return "tyrus provider on " + (owned ? "its shared ClientManager" : "the application's ClientManager");
    }
}
