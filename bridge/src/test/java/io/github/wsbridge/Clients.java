package io.github.wsbridge;

import io.github.wsbridge.internal.Providers;
import io.github.wsbridge.spi.Capability;
import io.github.wsbridge.spi.WebSocketProvider;
import jakarta.websocket.WebSocketContainer;
import java.util.Set;

/**
 * The real Jakarta client container (and provider) this test run uses, chosen by the {@code wsbridge.test.client} system
 * property that each Surefire execution sets; the execution leaves every other client off the class path:
 * <ul>
 *   <li>{@code tyrus}, {@code tomcat}, {@code jetty}, {@code undertow}: that container through the generic provider,
 *       passed with {@code WebSocketInit.container(...)}; one container per JVM, reused by every socket;</li>
 *   <li>{@code wsbridge-tyrus}: no container is passed; the bridge finds the {@code wsbridge-tyrus} provider with
 *       {@code ServiceLoader} and uses its shared container, as an application that only adds that jar does.</li>
 * </ul>
 */
final class Clients {

    private static WebSocketContainer container;

    /** {@code ClientProperties.HANDSHAKE_TIMEOUT}, set on the Tyrus container of the generic runs. */
    static final String TYRUS_HANDSHAKE_TIMEOUT = "org.glassfish.tyrus.client.ClientManager.ContainerTimeout";
    static final long TYRUS_HANDSHAKE_TIMEOUT_MS = 4000;

    private Clients() {
    }

    /** The client's name, as in the property. */
    static String name() {
        return System.getProperty("wsbridge.test.client", "tyrus");
    }

    /** Whether the bridge picks the provider itself (no container passed). */
    static boolean viaServiceLoader() {
        return name().equals("wsbridge-tyrus");
    }

    static synchronized WebSocketContainer container() {
        if (container == null) {
            container = viaServiceLoader() ? provider().container() : create(name());
        }
        return container;
    }

    /**
     * A new container of this run's kind, for tests that need a fresh one; {@link #release} it after. For
     * wsbridge-tyrus, a new Tyrus {@code ClientManager}.
     */
    static WebSocketContainer freshContainer() {
        return create(viaServiceLoader() ? "tyrus" : name());
    }

    /** Stops a container from {@link #freshContainer()} where the container needs it (Jetty's). */
    static void release(WebSocketContainer c) throws Exception {
        if (c.getClass().getName().startsWith("org.eclipse.jetty.")) {
            c.getClass().getMethod("stop").invoke(c);
        }
    }

    /** The provider the bridge uses in this run. */
    static WebSocketProvider provider() {
        if (viaServiceLoader()) {
            return Providers.select(null, null);
        }
        return Providers.select(null, container());
    }

    static Set<Capability> capabilities() {
        return provider().capabilities();
    }

    private static WebSocketContainer create(String name) {
        String className;
        switch (name) {
            case "tyrus":
                className = "org.glassfish.tyrus.client.ClientManager";
                break;
            case "tomcat":
                className = "org.apache.tomcat.websocket.WsWebSocketContainer";
                break;
            case "jetty":
                // Jetty's container must be created and started by its provider.
                return fromContainerProvider("org.eclipse.jetty.");
            case "undertow":
                // Undertow's container needs its default XNIO worker, which its provider sets up.
                return fromContainerProvider("io.undertow.");
            default:
                throw new IllegalArgumentException("Unknown wsbridge.test.client '" + name
                        + "': use tyrus, tomcat, jetty, undertow or wsbridge-tyrus");
        }
        try {
            WebSocketContainer c = (WebSocketContainer) Class.forName(className).getDeclaredConstructor().newInstance();
            if (name.equals("tyrus")) {
                // As a Tyrus user would: Tyrus's own handshake timeout (30 s by default) bounds a connect the bridge
                // gave up on, since the generic provider does not interrupt Tyrus (GenericProvider.Attempt).
                @SuppressWarnings("unchecked")
                java.util.Map<String, Object> properties =
                        (java.util.Map<String, Object>) c.getClass().getMethod("getProperties").invoke(c);
                properties.put(TYRUS_HANDSHAKE_TIMEOUT, (int) TYRUS_HANDSHAKE_TIMEOUT_MS);
            }
            return c;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The " + name + " client container (" + className
                    + ") is not on the test class path", e);
        }
    }

    /**
     * The container of the {@link jakarta.websocket.ContainerProvider} whose class starts with {@code prefix}: the test
     * server's jars bring Jetty's provider onto every class path, so the first one found is not always this run's.
     */
    private static WebSocketContainer fromContainerProvider(String prefix) {
        for (jakarta.websocket.ContainerProvider p : java.util.ServiceLoader.load(jakarta.websocket.ContainerProvider.class)) {
            if (p.getClass().getName().startsWith(prefix)) {
                try {
                    java.lang.reflect.Method get = jakarta.websocket.ContainerProvider.class
                            .getDeclaredMethod("getContainer");
                    get.setAccessible(true);
                    return (WebSocketContainer) get.invoke(p);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Cannot get the container of " + p.getClass().getName(), e);
                }
            }
        }
        throw new IllegalStateException("No ContainerProvider starting with " + prefix + " on the test class path");
    }

    /** A builder with this run's container (none for wsbridge-tyrus: the bridge finds the provider). */
    static WebSocketInit.Builder init() {
        return viaServiceLoader() ? WebSocketInit.builder() : WebSocketInit.builder().container(container());
    }

    static boolean isTomcat() {
        return name().equals("tomcat");
    }

    static boolean isJetty() {
        return name().equals("jetty");
    }

    static boolean isUndertow() {
        return name().equals("undertow");
    }

    /** Tyrus's client, through the generic provider or through wsbridge-tyrus: the same wire behaviour. */
    static boolean isTyrus() {
        return name().equals("tyrus") || name().equals("wsbridge-tyrus");
    }
}
