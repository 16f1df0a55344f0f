package io.github.wsbridge.internal;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import java.util.ServiceConfigurationError;

/**
 * The one container the bridge uses when {@code WebSocketInit} names none: {@link ContainerProvider#getWebSocketContainer()}
 * is called once, on first use, and its result reused by every socket (Tyrus, Tomcat and Jetty create a new container on
 * every call, and Jetty's keep threads until stopped). If no container is found, every attempt says so and tries again.
 */
public final class DefaultContainer {

    private static WebSocketContainer container; // guarded by DefaultContainer.class

    private DefaultContainer() {
    }

    public static synchronized WebSocketContainer get() {
        if (container == null) {
            try {
                container = ContainerProvider.getWebSocketContainer();
            } catch (RuntimeException | ServiceConfigurationError e) {
                throw new IllegalStateException("No Jakarta WebSocket client container was found on the class path."
                        + " Add one (for example org.glassfish.tyrus.bundles:tyrus-standalone-client, or"
                        + " org.apache.tomcat:tomcat-websocket with org.apache.tomcat:tomcat-api) or pass"
                        + " WebSocketInit.builder().container(...)", e);
            }
        }
        return container;
    }
}
