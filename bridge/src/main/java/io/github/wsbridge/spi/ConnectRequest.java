package io.github.wsbridge.spi;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One connection attempt, as the bridge hands it to a {@link WebSocketProvider}: the endpoint that receives the Jakarta
 * callbacks, its configuration (subprotocols, handshake headers, response capture), the URL, and the connect timeout.
 */
public final class ConnectRequest {

    private final Endpoint endpoint;
    private final ClientEndpointConfig config;
    private final URI uri;
    private final Duration connectTimeout;

    public ConnectRequest(Endpoint endpoint, ClientEndpointConfig config, URI uri, Duration connectTimeout) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.config = Objects.requireNonNull(config, "config");
        this.uri = Objects.requireNonNull(uri, "uri");
        this.connectTimeout = connectTimeout;
    }

    /** The Jakarta endpoint to connect; its {@code onOpen} may run before the connect call returns. */
    public Endpoint endpoint() {
        return endpoint;
    }

    /** Subprotocols, the configurator adding headers and capturing the response. */
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
}
