package io.github.wsbridge.spi;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * How the bridge reaches a Jakarta WebSocket client container: the provider SPI. A provider carries out the network
 * side of the WHATWG WebSockets Standard for the bridge: "obtain a WebSocket connection" and "establish a WebSocket
 * connection" (RFC 6455 §4.1, the opening handshake) and "start the WebSocket closing handshake" (RFC 6455 §7.1.2),
 * through a Jakarta WebSocket 2.1 container.
 *
 * <p>A provider drives one {@link WebSocketContainer} (obtaining a container is costly, and Jetty's must be stopped),
 * connects without blocking the caller, and says which {@link Capability capabilities} beyond the portable API it has.
 * The bridge's built-in generic provider, named {@code "generic"}, works with any container: it runs the blocking
 * {@code connectToServer} on a background thread.
 *
 * <h2>Discovery</h2>
 * Other providers are found with {@link java.util.ServiceLoader} (a {@code META-INF/services/io.github.wsbridge.spi.WebSocketProvider}
 * file naming a class with a public no-argument constructor), through the bridge's own class loader, once. The instance
 * found is the provider's default: it creates its own container on first use. For each socket the bridge picks:
 * <ol>
 *   <li>the provider {@code WebSocketInit.provider(name)} names, if any (bound to {@code WebSocketInit.container(c)}
 *       through {@link #withContainer}, if a container is given too);</li>
 *   <li>else, if {@code WebSocketInit.container(c)} is given, the most capable provider whose {@link #withContainer}
 *       accepts {@code c}, or the generic provider;</li>
 *   <li>else the most capable provider found (the one with most capabilities; ties by name), or the generic provider on
 *       the container {@code jakarta.websocket.ContainerProvider} finds.</li>
 * </ol>
 * Then every {@code WebSocketInit} option that needs a capability is checked against the chosen provider; a missing one
 * makes the {@code WebSocket} constructor throw {@link IllegalArgumentException} naming the option and the provider.
 *
 * <p>Implementations must be thread-safe: one provider serves every socket that uses it.
 */
public interface WebSocketProvider {

    /** The name {@code WebSocketInit.provider(name)} selects it by, such as {@code "tyrus"} or {@code "generic"}. */
    String name();

    /** The container this provider connects with; the default instance may create it on the first call. */
    WebSocketContainer container();

    /** The capabilities beyond Jakarta WebSocket that this provider honours with its container. */
    Set<Capability> capabilities();

    /**
     * This provider bound to a container the application gives ({@code WebSocketInit.container(c)}), or null if this
     * provider cannot drive that kind of container. The default returns null.
     */
    default WebSocketProvider withContainer(WebSocketContainer container) {
        return null;
    }

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

    /**
     * Whether a close the container reports to {@code onClose} is one it made itself, on an error it detected (a frame
     * larger than its buffer, say), rather than the peer's Close frame. The bridge then fails the WebSocket connection
     * (the standard's {@code error}, then {@code close} 1006). The default returns false. (Reports of 1002 and 1007
     * count as failures whatever this says: Tyrus and Tomcat report the protocol errors they detect only that way.)
     */
    default boolean isLocalFailure(CloseReason reported) {
        return false;
    }
}
