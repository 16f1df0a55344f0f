package io.github.wsbridge.spi;

/**
 * What a {@link WebSocketProvider} can do beyond the portable Jakarta WebSocket API. The bridge asks for a capability
 * before it relies on it, and fails fast, naming the option and the provider, when a {@link io.github.wsbridge.WebSocketInit}
 * option needs one the provider lacks.
 */
public enum Capability {
    /** Connecting does not park a thread per pending connection. */
    ASYNC_CONNECT,
    /** The container itself aborts a connect or handshake that takes longer than a timeout. */
    CONNECT_TIMEOUT,
    /** A Close frame with no body can be sent, so {@code close()} reaches the peer as "no status code" (1005). */
    EMPTY_CLOSE_FRAME,
    /** The raw handshake response headers are visible (so {@code extensions} is exactly the header received). */
    RAW_RESPONSE_HEADERS,
    /** An HTTP CONNECT proxy can be used. */
    PROXY,
    /** A caller's {@link javax.net.ssl.SSLContext} and hostname verification are honoured for wss. */
    TLS_CONTEXT,
    /** The container can be shut down, releasing its threads. */
    SHUTDOWN
}
