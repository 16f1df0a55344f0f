package io.github.wsbridge.internal;

import io.github.wsbridge.spi.Capability;
import io.github.wsbridge.spi.ConnectRequest;
import io.github.wsbridge.spi.WebSocketProvider;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The provider that works with any Jakarta WebSocket client container: {@code connectToServer} (which blocks in every
 * container) runs on a {@code wsbridge-io} thread, and the bridge itself enforces the connect timeout.
 *
 * <p>Its {@link #capabilities()} are those the tests measured for the container's family (docs/containers.md): only the
 * portable API is used, plus user properties that one container reads and the others ignore.
 */
public final class GenericProvider implements WebSocketProvider {


    private final WebSocketContainer container;

    /**
     * Only Jetty's client turns {@code CloseReason(NO_STATUS_CODE)} into a Close frame without a body; Tyrus rewrites it
     * to 1000 and Tomcat puts 1005 on the wire, which RFC 6455 §7.4.1 forbids. So elsewhere {@code close()} sends 1000.
     */
    private final boolean emptyCloseFrame;

    /** Tyrus reports a received body-less Close with its own stand-in reason (see {@link #peerCloseReason}). */
    private final boolean tyrus;

    /** Undertow writes the request line from the decoded path and query (see {@link #requestUri}). */
    private final boolean undertow;

    private final Set<Capability> capabilities;

    public GenericProvider(WebSocketContainer container) {
        this.container = Objects.requireNonNull(container, "container");
        String name = family(container.getClass());
        this.emptyCloseFrame = name.startsWith("org.eclipse.jetty.");
        this.tyrus = name.startsWith("org.glassfish.tyrus.");
        this.undertow = name.startsWith("io.undertow.");
        this.capabilities = java.util.Collections.unmodifiableSet(measured(name));
    }

    /**
     * The name of the first class, from {@code c} up, that belongs to a container this provider knows (Tyrus, Tomcat,
     * Jetty, Undertow), so that a subclass (wsbridge-tyrus's {@code SharedClientManager}, say) counts as its family;
     * else {@code c}'s own name.
     */
    private static String family(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            String n = k.getName();
            if (n.startsWith("org.glassfish.tyrus.") || n.startsWith("org.apache.tomcat.")
                    || n.startsWith("org.eclipse.jetty.") || n.startsWith("io.undertow.")) {
                return n;
            }
        }
        return c.getName();
    }

    /**
     * What each container family honours through the portable API, as measured by the bridge's tests (TlsTest,
     * FailureTest, CloseTest, JvmExitTest): the Jakarta 2.1 {@code ClientEndpointConfig.getSSLContext()} (TLS_CONTEXT;
     * Jetty ignores it), Tomcat's {@code IO_TIMEOUT_MS} user property (CONNECT_TIMEOUT), Jetty's body-less Close
     * (EMPTY_CLOSE_FRAME), daemon or idle-ending threads (SHUTDOWN; Jetty's are neither), an asynchronous send that
     * never waits for the socket (NON_BLOCKING_SEND; Tomcat's client waits in {@code WsRemoteEndpointImplClient.doWrite}
     * until the channel has taken every byte).
     */
    private static Set<Capability> measured(String containerClass) {
        if (containerClass.startsWith("org.glassfish.tyrus.")) {
            return EnumSet.of(Capability.TLS_CONTEXT, Capability.SHUTDOWN, Capability.NON_BLOCKING_SEND);
        } else if (containerClass.startsWith("org.apache.tomcat.")) {
            return EnumSet.of(Capability.TLS_CONTEXT, Capability.CONNECT_TIMEOUT, Capability.SHUTDOWN);
        } else if (containerClass.startsWith("org.eclipse.jetty.")) {
            // Jetty takes TLS settings from its HttpClient's SslContextFactory, not from ClientEndpointConfig.
            return EnumSet.of(Capability.EMPTY_CLOSE_FRAME, Capability.NON_BLOCKING_SEND);
        } else if (containerClass.startsWith("io.undertow.")) {
            // CONNECT_TIMEOUT: io.undertow.websocket.CONNECT_TIMEOUT, in whole seconds (the connect timeout rounded up).
            return EnumSet.of(Capability.TLS_CONTEXT, Capability.CONNECT_TIMEOUT, Capability.SHUTDOWN,
                    Capability.NON_BLOCKING_SEND);
        }
        return EnumSet.noneOf(Capability.class);
    }

    @Override
    public String name() {
        return Providers.GENERIC;
    }

    @Override
    public WebSocketProvider withContainer(WebSocketContainer other) {
        return new GenericProvider(other);
    }

    @Override
    public String toString() {
        return "generic provider on " + container.getClass().getName();
    }

    @Override
    public WebSocketContainer container() {
        return container;
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    private static final long TOMCAT_TIMEOUT_MARGIN_MILLIS = 1000;

    @Override
    public CompletionStage<Session> connect(ConnectRequest request) {
        // User properties that one container reads and the others ignore: Tomcat follows redirects unless told not to
        // (the standard fails the connection on a 3xx, checklist item 16), and takes its handshake I/O timeout here.
        java.util.Map<String, Object> properties = request.config().getUserProperties();
        properties.put("org.apache.tomcat.websocket.MAX_REDIRECTIONS", "0");
        if (tyrus) {
            Tyrus.raiseFrameLimit(properties, request.maxMessageSize());
        }
        if (request.connectTimeout() != null) {
            // A backstop only, a second later than the bridge's own timer, which reports the timeout and cancels the
            // connect: with the same value Tomcat's TimeoutException won the race on a loaded machine, and the failure
            // then did not say that connectTimeout had passed (OpenTest#aConnectTimeoutFailsTheConnection).
            properties.put("org.apache.tomcat.websocket.IO_TIMEOUT_MS",
                    Long.toString(Math.max(1, request.connectTimeout().toMillis()) + TOMCAT_TIMEOUT_MARGIN_MILLIS));
            // Undertow waits for the handshake uninterruptibly, this many whole seconds (default 10).
            long millis = request.connectTimeout().toMillis();
            properties.put("io.undertow.websocket.CONNECT_TIMEOUT",
                    (int) Math.min(Integer.MAX_VALUE, Math.max(1, (millis + 999) / 1000)));
        }
        Attempt attempt = new Attempt();
        // The blocking connect runs on a wsbridge-io thread as if on the caller's: containers look up services and
        // managed resources through the context class loader (GlassFish's Tyrus captures it for its timers).
        ClassLoader caller = Thread.currentThread().getContextClassLoader();
        Threads.io().execute(() -> Threads.runWith(caller, () -> attempt.run(request)));
        return attempt;
    }

    /**
     * One blocking {@code connectToServer} on a {@code wsbridge-io} thread. Cancelling it interrupts that thread, so a
     * connect the bridge gave up on (timeout, {@code close()} while CONNECTING) does not hold a thread until the
     * container's own handshake timeout.
     *
     * <p>Except on Tyrus: interrupting its connect while the 101 is on its way counts the connection as ended twice
     * (the interrupted wait fails the attempt, then the session that still opens closes), and when Tyrus's count of
     * active connections reaches zero it shuts down the container's executors, under every other open session of that
     * container: their next send fails with {@code RejectedExecutionException} (measured: 1 of 15 close()-while-
     * CONNECTING cycles broke a long-lived session). So on Tyrus the abandoned connect runs to its end, the handshake's
     * completion (the session is then closed at once) or Tyrus's own {@code HANDSHAKE_TIMEOUT} (30 s unless set on the
     * {@code ClientManager}; wsbridge-tyrus sets it to the connect timeout).
     */
    private final class Attempt extends CompletableFuture<Session> {
        private Thread worker;      // guarded by this
        private boolean cancelled;  // guarded by this

        void run(ConnectRequest request) {
            if (emptyCloseFrame) {
                // Before this thread can be interrupted: an interrupt while Jetty starts its core client leaves that
                // client stopped, and every later connect of the container fails ("WebSocketCoreClient is not started").
                readyJetty(container);
            }
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                worker = Thread.currentThread();
            }
            try {
                Session session = container.connectToServer(request.endpoint(), request.config(),
                        requestUri(request.uri()));
                if (!complete(session) && session.isOpen()) {
                    session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "")); // given up meanwhile
                }
            } catch (Throwable t) {
                completeExceptionally(t);
            } finally {
                synchronized (this) {
                    worker = null;
                    Thread.interrupted(); // a late cancel must not leak into the pool's next task
                }
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            synchronized (this) {
                cancelled = true;
                if (worker != null && mayInterruptIfRunning && !tyrus) {
                    worker.interrupt();
                }
            }
            return super.cancel(mayInterruptIfRunning);
        }
    }

    /** Jetty containers whose core client exists and is started (see {@link #readyJetty}). */
    private static final Set<WebSocketContainer> JETTY_READY =
            java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());

    /**
     * Jetty 12.1 creates a container's core client on the first connect without a lock
     * ({@code JakartaWebSocketClientContainer.getWebSocketCoreClient()} publishes the field, then starts the client), so
     * a second connect racing the first one on a fresh container can fail with "WebSocketCoreClient is not started".
     * The bridge makes that first initialisation once per container under its own lock, by calling that protected
     * method itself (reflection keeps the bridge free of Jetty classes) before any of its connects.
     */
    private static void readyJetty(WebSocketContainer container) {
        synchronized (JETTY_READY) {
            if (JETTY_READY.contains(container)) {
                return;
            }
            for (Class<?> c = container.getClass(); c != null; c = c.getSuperclass()) {
                try {
                    java.lang.reflect.Method m = c.getDeclaredMethod("getWebSocketCoreClient");
                    m.setAccessible(true);
                    m.invoke(container);
                    JETTY_READY.add(container);
                    return;
                } catch (NoSuchMethodException e) {
                    // look in the superclass
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return; // best effort: an unknown Jetty version connects as it is
                }
            }
        }
    }

    /**
     * The URI to give the container so that the request line carries {@code uri}'s raw path and query exactly.
     * Undertow 2.3 decodes them twice: {@code WebSocketClient.ConnectionBuilder.connectImpl} rebuilds the URI with the
     * multi-argument {@code URI} constructor from {@code getPath()} and {@code getQuery()} (which re-quotes only
     * {@code %} and illegal characters), and XNIO's {@code HttpUpgrade.buildHttpRequest} writes {@code getPath()} and
     * {@code getQuery()} of that, decoded again. So {@code ?%C3%A5} would go out as {@code ?\u00e5} encoded in the
     * platform charset, {@code %20} as a space that breaks the request line, {@code %2F} as {@code /}. Handing Undertow
     * the URI whose decoded path and query are {@code uri}'s raw ones (every {@code %} written {@code %25}) makes the
     * two decodings give back exactly those bytes. The bridge's URI is ASCII, so nothing else changes; other
     * containers send the raw path and query and get {@code uri} itself.
     */
    URI requestUri(URI uri) {
        String rawQuery = uri.getRawQuery();
        if (!undertow || uri.getRawAuthority() == null
                || uri.getRawPath().indexOf('%') < 0 && (rawQuery == null || rawQuery.indexOf('%') < 0)) {
            return uri;
        }
        String query = rawQuery == null ? "" : "?" + rawQuery.replace("%", "%25");
        try {
            return new URI(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath().replace("%", "%25") + query);
        } catch (URISyntaxException e) {
            return uri; // cannot happen: only "%" became "%25"
        }
    }

    /**
     * Tyrus's stand-in for a received body-less Close is mapped back to 1005 ({@link Tyrus#peerCloseReason}). Tomcat
     * reports such a frame as {@code (1000, "")}, indistinguishable from a real 1000: it stays 1000.
     */
    @Override
    public CloseReason peerCloseReason(CloseReason reported) {
        return tyrus ? Tyrus.peerCloseReason(reported) : reported;
    }

    /** Tyrus's close for a frame too big for its buffer ({@link Tyrus#isLocalFailure}). */
    @Override
    public boolean isLocalFailure(CloseReason reported) {
        return tyrus && Tyrus.isLocalFailure(reported);
    }

    @Override
    public void close(Session session, CloseReason reason) throws IOException {
        if (reason == null) {
            reason = new CloseReason(emptyCloseFrame ? CloseReason.CloseCodes.NO_STATUS_CODE
                    : CloseReason.CloseCodes.NORMAL_CLOSURE, "");
        }
        session.close(reason);
    }
}
