package io.github.wsbridge.spi;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One connection attempt (WHATWG WebSockets, "establish a WebSocket connection", step "run in parallel"), as the bridge
 * hands it to a {@link WebSocketProvider}: the endpoint that receives the Jakarta
 * callbacks, its configuration (subprotocols, handshake headers, response capture, the {@code SSLContext} for wss), the
 * URL, the connect timeout, the HTTP proxy and the largest message the bridge accepts.
 */
public final class ConnectRequest {

    private final Endpoint endpoint;
    private final ClientEndpointConfig config;
    private final URI uri;
    private final Duration connectTimeout;
    private final URI proxy;
    private final long maxMessageSize;

    public ConnectRequest(Endpoint endpoint, ClientEndpointConfig config, URI uri, Duration connectTimeout, URI proxy,
            long maxMessageSize) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.config = Objects.requireNonNull(config, "config");
        this.uri = Objects.requireNonNull(uri, "uri");
        this.connectTimeout = connectTimeout;
        this.proxy = proxy;
        this.maxMessageSize = maxMessageSize;
    }

    /** The Jakarta endpoint to connect; its {@code onOpen} may run before the connect call returns. */
    public Endpoint endpoint() {
        return endpoint;
    }

    /**
     * Subprotocols, the configurator adding headers and capturing the response, and for wss the {@code SSLContext}
     * ({@link ClientEndpointConfig#getSSLContext()}), whose engines always verify the server's host name.
     */
    public ClientEndpointConfig config() {
        return config;
    }

    /** The ws or wss URL. */
    public URI uri() {
        return uri;
    }

    /** The connect timeout, or null for none. The bridge enforces it too, whatever the provider does. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * The HTTP proxy, {@code http://[user:password@]host:port}, or null for a direct connection. Only set when the
     * provider has {@link Capability#PROXY}. User info, if present, is to be sent as {@code Proxy-Authorization: Basic}.
     */
    public URI proxy() {
        return proxy;
    }

    /** The largest message, in bytes, the bridge accepts; a container's own frame or buffer limits should allow it. */
    public long maxMessageSize() {
        return maxMessageSize;
    }
}
