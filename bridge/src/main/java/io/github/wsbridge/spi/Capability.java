package io.github.wsbridge.spi;

/**
 * What a {@link WebSocketProvider} can do beyond the portable Jakarta WebSocket API, for the parts of the WHATWG
 * WebSockets Standard and RFC 6455 that the portable API cannot reach (a Close frame without a body, RFC 6455 §5.5.1;
 * the exact {@code Sec-WebSocket-Extensions} header for the {@code extensions} attribute; a connect timeout). What each
 * provider and container has, measured, is in {@code docs/containers.md}. The bridge asks for a capability
 * before it relies on it, and fails fast, naming the option and the provider, when a {@link io.github.wsbridge.WebSocketInit}
 * option needs one the provider lacks.
 */
public enum Capability {
    /** Connecting parks no caller or bridge thread per pending connection (the container completes a future). */
    ASYNC_CONNECT,
    /** The container itself aborts a connect or handshake that takes longer than the connect timeout. */
    CONNECT_TIMEOUT,
    /** A Close frame with no body can be sent, so {@code close()} reaches the peer as "no status code" (1005). */
    EMPTY_CLOSE_FRAME,
    /**
     * The handshake response headers reach the bridge as received (so {@code extensions} is exactly the header). No
     * provider of this project claims it: no Jakarta client offers an extension, so {@code extensions} is always
     * {@code ""}, and a response naming an extension that was not offered fails the connection everywhere.
     */
    RAW_RESPONSE_HEADERS,
    /** An HTTP CONNECT proxy, with Basic proxy authentication, can be used: {@code WebSocketInit.proxy(url)}. */
    PROXY,
    /** The caller's {@link javax.net.ssl.SSLContext} is used for wss: {@code WebSocketInit.sslContext(context)}. */
    TLS_CONTEXT,
    /**
     * The container's asynchronous send ({@code RemoteEndpoint.Async}) never blocks the calling thread: it writes what
     * the socket takes at once and the rest later from its own threads. The bridge then hands a message to it on the
     * thread that calls {@code send}, with no thread hand-off. Without it (Tomcat's client waits inside its
     * asynchronous send until the socket has taken every byte) sends go through a bridge thread.
     */
    NON_BLOCKING_SEND,
    /** The container releases all its threads by itself once idle, so nothing keeps the JVM alive. */
    SHUTDOWN
}
