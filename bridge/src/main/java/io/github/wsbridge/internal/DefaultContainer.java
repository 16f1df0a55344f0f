package io.github.wsbridge.internal;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.WeakHashMap;

/**
 * The container the bridge uses when {@code WebSocketInit} names none: {@link ContainerProvider#getWebSocketContainer()}
 * is called once per context class loader, on first use, and its result reused by every socket constructed with that
 * class loader (Tyrus, Tomcat and Jetty create a new container on every call, and Jetty's keep threads until stopped).
 * If no container is found, every attempt says so and tries again.
 *
 * <p>Per context class loader, because in a server that is per application: a server gives each application a
 * container tied to it (Tyrus in GlassFish and Payara runs its timers on the application's managed executor, and
 * WildFly closes an application's sessions when it is undeployed). A bridge shared by several applications (a server
 * library, or GlassFish embedded, whose applications see the JVM's class path first) must not hand one application's
 * container to another, nor keep using it after that application is gone.
 *
 * <p>The class loader is a weak key, the container a strong value: a cached container must live as long as its
 * class loader does (Jetty's keeps threads until stopped, so one collected and obtained again would leak them). In the
 * usual deployment, the bridge in {@code WEB-INF/lib}, this cache belongs to the application's own copy of the bridge
 * and goes with it. A bridge installed as a library shared by applications keeps an undeployed application's container
 * (and, through it, possibly its class loader) here; docs/containers.md recommends {@code WEB-INF/lib}.
 */
public final class DefaultContainer {

    private static final Map<ClassLoader, WebSocketContainer> CONTAINERS = new WeakHashMap<>();
    private static final ClassLoader NONE = DefaultContainer.class.getClassLoader();

    private DefaultContainer() {
    }

    /** The default container of the calling thread's context class loader. */
    public static synchronized WebSocketContainer get() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ClassLoader key = loader != null ? loader : NONE;
        WebSocketContainer container = CONTAINERS.get(key);
        if (container == null) {
            try {
                container = ContainerProvider.getWebSocketContainer();
            } catch (RuntimeException | ServiceConfigurationError e) {
                throw new IllegalStateException("No Jakarta WebSocket client container was found on the class path."
                        + " Add one (for example org.glassfish.tyrus.bundles:tyrus-standalone-client, or"
                        + " org.apache.tomcat:tomcat-websocket with org.apache.tomcat:tomcat-api) or pass"
                        + " WebSocketInit.builder().container(...)", e);
            }
            CONTAINERS.put(key, container);
        }
        return container;
    }
}
