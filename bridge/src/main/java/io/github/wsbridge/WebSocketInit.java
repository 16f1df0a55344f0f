package io.github.wsbridge;

import io.github.wsbridge.internal.Protocols;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * The options of a {@link WebSocket}: the {@code WebSocketInit} dictionary of the WHATWG options-bag proposal
 * (whatwg/websockets#42, as Node's {@code WebSocket} has it; checklist item 88) plus what a Java program needs. Immutable;
 * made by {@link #builder()}.
 *
 * <p>Besides {@code protocols} and {@code headers}, the Java-only options are: the base URL for relative URLs [Amb-1], the
 * executor events are dispatched on, the Jakarta container and the provider that drives it, an HTTP proxy, the TLS
 * context, timeouts, keep-alive pings, size limits, listeners registered before the connection starts (so that no event
 * can be missed, however fast the server), and where listener exceptions are reported.
 *
 * <p>An option the chosen {@link io.github.wsbridge.spi.WebSocketProvider provider} cannot honour (a proxy on a
 * container without proxy support, say) makes the {@link WebSocket} constructor throw
 * {@link IllegalArgumentException} naming the option and the provider; it is never silently ignored.
 */
public final class WebSocketInit {

    /** The default {@link Builder#maxMessageSize(long) maxMessageSize}: 64 MiB. */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 64L << 20;
    /** The default {@link Builder#sendBufferLimit(long) sendBufferLimit}: 64 MiB. */
    public static final long DEFAULT_SEND_BUFFER_LIMIT = 64L << 20;
    /** The default {@link Builder#closeTimeout(Duration) closeTimeout}: 30 seconds. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    static final WebSocketInit DEFAULTS = builder().build();

    /**
     * Handshake headers that the protocol itself owns, besides every {@code Sec-WebSocket-*} one; setting them would break
     * the handshake.
     */
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "upgrade", "connection", "sec-websocket-key",
            "sec-websocket-version", "sec-websocket-accept", "sec-websocket-extensions", "sec-websocket-protocol",
            "content-length", "transfer-encoding");

    /** A listener or event handler given to the builder, registered before connecting, in the builder's order. */
    static final class Registration {
        final String type;
        final EventListener<? extends Event> listener;
        final boolean once;
        final boolean capture;
        final boolean handler;

        Registration(String type, EventListener<? extends Event> listener, boolean once, boolean capture,
                boolean handler) {
            this.type = type;
            this.listener = listener;
            this.once = once;
            this.capture = capture;
            this.handler = handler;
        }
    }

    private final String[] protocols;
    private final List<String[]> headers;
    private final String baseUrl;
    private final Executor executor;
    private final WebSocketGroup group;
    private final WebSocketContainer container;
    private final String provider;
    private final URI proxy;
    private final SSLContext sslContext;
    private final Duration connectTimeout;
    private final Duration closeTimeout;
    private final Duration pingInterval;
    private final Duration pongTimeout;
    private final long maxMessageSize;
    private final long sendBufferLimit;
    private final List<Registration> listeners;
    private final Consumer<Throwable> reportError;

    private WebSocketInit(Builder b) {
        this.protocols = b.protocols.clone();
        this.headers = List.copyOf(b.headers);
        this.baseUrl = b.baseUrl;
        this.executor = b.executor;
        this.group = b.group;
        this.container = b.container;
        this.provider = b.provider;
        this.proxy = b.proxy;
        this.sslContext = b.sslContext;
        this.connectTimeout = b.connectTimeout;
        this.closeTimeout = b.closeTimeout;
        this.pingInterval = b.pingInterval;
        this.pongTimeout = b.pongTimeout != null ? b.pongTimeout : b.pingInterval;
        this.maxMessageSize = b.maxMessageSize;
        this.sendBufferLimit = b.sendBufferLimit;
        this.listeners = List.copyOf(b.listeners);
        this.reportError = b.reportError;
    }

    /** A builder with every option at its default. */
    public static Builder builder() {
        return new Builder();
    }

    /** The requested subprotocols, in order (validated by the WebSocket constructor). */
    public List<String> protocols() {
        return List.of(protocols);
    }

    String[] protocolArray() {
        return protocols.clone();
    }

    /** Extra handshake headers, each as {@code {name, value}}, in the order given. */
    public List<String[]> headers() {
        List<String[]> copy = new ArrayList<>(headers.size());
        for (String[] h : headers) {
            copy.add(h.clone());
        }
        return copy;
    }

    List<String[]> headerList() {
        return headers;
    }

    /** The base URL relative URLs are resolved against, or null (then a relative URL is a SyntaxError). */
    public String baseUrl() {
        return baseUrl;
    }

    /** The executor events are dispatched on, or null for the bridge's default daemon executor. */
    public Executor executor() {
        return executor;
    }

    /** The group the socket joins, or null. */
    public WebSocketGroup group() {
        return group;
    }

    /** The Jakarta container to connect with, or null for the bridge's shared default container. */
    public WebSocketContainer container() {
        return container;
    }

    /** The name of the provider to use, or null to pick the most capable one present. */
    public String provider() {
        return provider;
    }

    /** The HTTP proxy to tunnel through ({@code http://[user:password@]host:port}), or null for a direct connection. */
    public URI proxy() {
        return proxy;
    }

    /** The TLS context for wss, or null for the JDK's default one. Hostname verification is always on. */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** How long the opening handshake may take, or null for no limit beyond the container's. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long to wait for the server's Close after sending ours before the connection is failed (1006). */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** How often an open connection is pinged, or null (the default: never). A Java-only option. */
    public Duration pingInterval() {
        return pingInterval;
    }

    /**
     * How long a Ping may go unanswered before the connection fails ({@code error}, then {@code close} 1006); null when
     * there is no {@link #pingInterval()}. Defaults to the ping interval.
     */
    public Duration pongTimeout() {
        return pongTimeout;
    }

    /** The largest message accepted, in bytes; a larger one fails the connection. */
    public long maxMessageSize() {
        return maxMessageSize;
    }

    /** The most bytes that may wait to be sent; a send beyond it flags the socket as full and closes it. */
    public long sendBufferLimit() {
        return sendBufferLimit;
    }

    List<Registration> listeners() {
        return listeners;
    }

    Consumer<Throwable> reportError() {
        return reportError;
    }

    /**
     * Builds a {@link WebSocketInit}. Each method checks its argument at once and throws {@link NullPointerException} or
     * {@link IllegalArgumentException} with a message saying what to pass instead. Not thread-safe.
     */
    public static final class Builder {
        private String[] protocols = new String[0];
        private final List<String[]> headers = new ArrayList<>();
        private String baseUrl;
        private Executor executor;
        private WebSocketGroup group;
        private WebSocketContainer container;
        private String provider;
        private URI proxy;
        private SSLContext sslContext;
        private Duration connectTimeout;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private Duration pingInterval;
        private Duration pongTimeout;
        private long maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private long sendBufferLimit = DEFAULT_SEND_BUFFER_LIMIT;
        private final List<Registration> listeners = new ArrayList<>();
        private Consumer<Throwable> reportError;

        private Builder() {
        }

        /** The subprotocols to request, most preferred first; the constructor's rules apply (tokens, no duplicates). */
        public Builder protocols(String... protocols) {
            Objects.requireNonNull(protocols, "protocols");
            for (int i = 0; i < protocols.length; i++) {
                if (protocols[i] == null) {
                    throw new NullPointerException("protocols[" + i + "] is null");
                }
            }
            this.protocols = protocols.clone();
            return this;
        }

        /**
         * An extra handshake request header, such as {@code Authorization}, {@code Cookie} or {@code Origin}. May repeat;
         * values of the same name are sent in order.
         *
         * @throws IllegalArgumentException if the name is not an HTTP token, the value has CR, LF, NUL or other control
         *         characters, or the header belongs to the WebSocket handshake itself ({@code Host}, {@code Upgrade},
         *         {@code Connection}, any {@code Sec-WebSocket-*}: use {@link #protocols} for {@code Sec-WebSocket-Protocol})
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(value, "header value");
            if (!Protocols.isToken(name)) {
                throw new IllegalArgumentException("The header name '" + name + "' is not an HTTP token: use only"
                        + " letters, digits and !#$%&'*+-.^_`|~, without spaces, colons or control characters");
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7F || c > 0xFF) {
                    throw new IllegalArgumentException("The value of header '" + name + "' has the character U+"
                            + String.format("%04X", (int) c) + " at index " + i
                            + "; header values may not contain CR, LF, NUL, other controls, or characters above U+00FF");
                }
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (RESERVED_HEADERS.contains(lower) || lower.startsWith("sec-websocket-")) {
                throw new IllegalArgumentException("The header '" + name + "' is set by the WebSocket handshake itself"
                        + (lower.equals("sec-websocket-protocol") ? "; request subprotocols with protocols(...)"
                                : "; leave it out (the container sends it)"));
            }
            headers.add(new String[] {name, value.strip()});
            return this;
        }

        /** The base URL for relative URLs (checklist [Amb-1]); an http(s) or ws(s) URL, checked when a socket is made. */
        public Builder baseUrl(String url) {
            this.baseUrl = Objects.requireNonNull(url, "baseUrl");
            return this;
        }

        /**
         * Where this socket's events are dispatched, one at a time and in order (for example a Jakarta EE
         * {@code ManagedExecutorService}). The executor may be shared by many sockets and need not be serial, but it
         * must run tasks on another thread than the one calling {@code execute}: an executor that runs them inline
         * (such as {@code Runnable::run}) would fire events inside {@code send} and {@code close}, which the standard
         * forbids. If it rejects a task, the socket goes on on the bridge's own event threads.
         *
         * <p>With an executor, no listener runs on a container's thread. Without one, a message that finds the socket's
         * queue idle is dispatched on the container's thread that delivered it, with no thread hand-off (the speed of
         * raw Jakarta WebSocket); a listener that blocks there holds that thread.
         *
         * <p>Tasks are submitted from the container's threads. A Jakarta EE {@code ManagedExecutorService} gives a task
         * the context of the thread that submits it, so, to run listeners with the application's naming context on
         * every server, wrap it in a contextual proxy made when the socket is created (docs/containers.md, "the
         * WebSockets recipe"). On the bridge's own threads, listeners see the context class loader of the thread that
         * created the socket.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * The group the socket joins, to be made to disappear with the others (closed with 1001) when
         * {@link WebSocketGroup#close()} is called, for example when its application is undeployed. Java-only.
         */
        public Builder group(WebSocketGroup group) {
            this.group = Objects.requireNonNull(group, "group");
            return this;
        }

        /** The Jakarta WebSocket client container to connect with, instead of the bridge's shared default one. */
        public Builder container(WebSocketContainer container) {
            this.container = Objects.requireNonNull(container, "container");
            return this;
        }

        /**
         * The provider to connect with, by its {@link io.github.wsbridge.spi.WebSocketProvider#name() name}:
         * {@code "generic"} (built in, any container) or one found on the class path, such as {@code "tyrus"} from
         * {@code wsbridge-tyrus}. Without it the most capable provider present is used. A name that is not present
         * makes the constructor throw {@link IllegalArgumentException} listing the names that are.
         */
        public Builder provider(String name) {
            Objects.requireNonNull(name, "provider");
            if (name.isBlank()) {
                throw new IllegalArgumentException("provider must be a provider name such as \"tyrus\" or \"generic\"");
            }
            this.provider = name;
            return this;
        }

        /**
         * Connects through an HTTP proxy with {@code CONNECT}, for ws and wss alike. {@code user:password} in the URL is
         * sent as {@code Proxy-Authorization: Basic}. Needs a provider with the
         * {@link io.github.wsbridge.spi.Capability#PROXY PROXY} capability ({@code wsbridge-tyrus} has it).
         *
         * @param url {@code http://[user:password@]host[:port]}; the port defaults to 80
         * @throws IllegalArgumentException if the URL is not of that form
         */
        public Builder proxy(String url) {
            Objects.requireNonNull(url, "proxy");
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("The proxy URL '" + url + "' is not a URL: " + e.getMessage(), e);
            }
            if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null
                    || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("The proxy URL '" + url
                        + "' must have the form http://[user:password@]host[:port]");
            }
            if (uri.getRawUserInfo() != null && !uri.getRawUserInfo().contains(":")) {
                throw new IllegalArgumentException("The proxy URL '" + url + "' has a user but no password: Basic proxy"
                        + " authentication needs http://user:password@host:port");
            }
            this.proxy = uri;
            return this;
        }

        /**
         * The TLS context for wss connections: its trust managers decide which certificates are trusted (for example a
         * private CA), its key managers which client certificate is sent. The server's host name is always verified
         * against its certificate (RFC 2818 / RFC 6125 rules, the JDK's "HTTPS" endpoint identification); nothing in the
         * bridge turns that off. Needs a provider with {@link io.github.wsbridge.spi.Capability#TLS_CONTEXT TLS_CONTEXT}.
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "sslContext");
            return this;
        }

        /** Fails the connection ({@code error}, then {@code close} 1006) if it is not open within this time. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * How long to wait for the server's Close frame after {@code close()} sent ours (checklist [Amb-15]); then the
         * connection fails with 1006. Default 30 seconds.
         */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = positive(timeout, "closeTimeout");
            return this;
        }

        /**
         * Keep-alive, off by default (a Java-only option; the standard leaves pings to the user agent): every
         * {@code interval} the open connection sends a Ping (RFC 6455 §5.5.2). A peer that sends no Pong within the
         * {@link #pongTimeout(Duration) pongTimeout} of a Ping is taken as dead: the connection fails with {@code error},
         * then {@code close} 1006, and {@link WebSocket#failure()} says "no pong within ...". Any Pong counts, also an
         * unsolicited one. Pongs are never exposed as events, as in the browser.
         */
        public Builder pingInterval(Duration interval) {
            this.pingInterval = positive(interval, "pingInterval");
            return this;
        }

        /**
         * How long a Ping may go unanswered before the peer is taken as dead; default: the
         * {@link #pingInterval(Duration) pingInterval}. Needs a pingInterval ({@link #build()} checks).
         */
        public Builder pongTimeout(Duration timeout) {
            this.pongTimeout = positive(timeout, "pongTimeout");
            return this;
        }

        /** The largest message to accept, in bytes (default 64 MiB); a larger one fails the connection. */
        public Builder maxMessageSize(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxMessageSize must be positive, not " + bytes);
            }
            this.maxMessageSize = bytes;
            return this;
        }

        /**
         * The most bytes that may wait to be sent (default 64 MiB). A {@code send} beyond it flags the socket as full:
         * the socket closes with {@code error} then {@code close} 1006, as the standard says, instead of growing without
         * bound or throwing.
         */
        public Builder sendBufferLimit(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("sendBufferLimit must be positive, not " + bytes);
            }
            this.sendBufferLimit = bytes;
            return this;
        }

        /** A listener added before the connection starts, as {@code addEventListener(type, listener)} would. */
        public Builder addEventListener(String type, EventListener<Event> listener) {
            return addEventListener(type, listener, new AddEventListenerOptions());
        }

        /** A listener added before the connection starts, with options. */
        public Builder addEventListener(String type, EventListener<Event> listener, AddEventListenerOptions options) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(listener, "listener");
            Objects.requireNonNull(options, "options");
            listeners.add(new Registration(type, listener, options.once(), options.capture(), false));
            return this;
        }

        /** The {@code onopen} event handler, set before the connection starts (at this point among the listeners). */
        public Builder onopen(EventListener<Event> listener) {
            listeners.add(new Registration("open", Objects.requireNonNull(listener, "listener"), false, false, true));
            return this;
        }

        /** The {@code onmessage} event handler, set before the connection starts (at this point among the listeners). */
        public Builder onmessage(EventListener<MessageEvent> listener) {
            listeners.add(new Registration("message", Objects.requireNonNull(listener, "listener"), false, false, true));
            return this;
        }

        /** The {@code onerror} event handler, set before the connection starts (at this point among the listeners). */
        public Builder onerror(EventListener<Event> listener) {
            listeners.add(new Registration("error", Objects.requireNonNull(listener, "listener"), false, false, true));
            return this;
        }

        /** The {@code onclose} event handler, set before the connection starts (at this point among the listeners). */
        public Builder onclose(EventListener<CloseEvent> listener) {
            listeners.add(new Registration("close", Objects.requireNonNull(listener, "listener"), false, false, true));
            return this;
        }

        /**
         * Where exceptions thrown by listeners are reported (HTML "report the exception"). Default: a
         * {@link System.Logger} named {@code io.github.wsbridge.WebSocket}, at WARNING.
         */
        public Builder reportError(Consumer<Throwable> reporter) {
            this.reportError = Objects.requireNonNull(reporter, "reporter");
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException if a pongTimeout was set without a pingInterval
         */
        public WebSocketInit build() {
            if (pongTimeout != null && pingInterval == null) {
                throw new IllegalArgumentException("pongTimeout(" + pongTimeout + ") needs pingInterval(...): without"
                        + " pings there is no pong to wait for");
            }
            return new WebSocketInit(this);
        }


        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, not " + d);
            }
            return d;
        }
    }
}
