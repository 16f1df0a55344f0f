package io.github.wsbridge.spi;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * How the bridge reaches a Jakarta WebSocket client container: the provider SPI.
 *
 * <p>A provider owns one {@link WebSocketContainer} (obtaining a container is costly, and Jetty's must be stopped), connects
 * without blocking the caller, and says which {@link Capability capabilities} beyond the portable API it has. The bridge's
 * built-in generic provider works with any container: it runs the blocking {@code connectToServer} on a background thread.
 *
 * <p>Implementations must be thread-safe: one provider serves every socket that uses it.
 */
public interface WebSocketProvider {

    /** A short name for messages, for example {@code "generic(org.glassfish.tyrus.client.ClientManager)"}. */
    String name();

    /** The container this provider connects with. */
    WebSocketContainer container();

    /** The capabilities beyond Jakarta WebSocket that this provider honours. */
    Set<Capability> capabilities();

    /**
     * Starts connecting and returns at once. The stage completes with the session once the handshake succeeded (the
     * endpoint's {@code onOpen} may have run before), or exceptionally with the container's exception. The bridge
     * cancels the stage's {@code CompletableFuture} (with {@code mayInterruptIfRunning} true) when it gives the attempt up;
     * a provider should then stop waiting and release what the attempt holds.
     */
    CompletionStage<Session> connect(ConnectRequest request);

    /**
     * Starts the closing handshake. {@code reason} null means a Close frame without a body (the {@code close()} with no
     * arguments of the standard); a provider without {@link Capability#EMPTY_CLOSE_FRAME} sends the closest it can and
     * documents it. May block briefly on the network: the bridge calls it on a background thread.
     */
    void close(Session session, CloseReason reason) throws IOException;

    /**
     * The code and reason of the Close frame the peer sent, from what the container passed to {@code onClose}. A
     * container that reports a received Close frame without a body as something else maps it back to 1005 here (RFC 6455
     * §7.1.5: no status code). The default returns {@code reported}.
     */
    default CloseReason peerCloseReason(CloseReason reported) {
        return reported;
    }
}
