package io.github.wsbridge;

import jakarta.websocket.WebSocketContainer;

/**
 * The real Jakarta client container this test run uses, chosen by the {@code wsbridge.test.client} system property that
 * each Surefire execution sets ({@code tyrus} or {@code tomcat}); the execution leaves every other client off the class
 * path. One container per JVM, reused by every socket, as the bridge does by default.
 */
final class Clients {

    private static WebSocketContainer container;

    private Clients() {
    }

    /** The client's name, as in the property. */
    static String name() {
        return System.getProperty("wsbridge.test.client", "tyrus");
    }

    static synchronized WebSocketContainer container() {
        if (container == null) {
            container = create(name());
        }
        return container;
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
                // Jetty's container must be created and started by its provider; it is the only one on this class path.
                return jakarta.websocket.ContainerProvider.getWebSocketContainer();
            default:
                throw new IllegalArgumentException("Unknown wsbridge.test.client '" + name + "': use tyrus or tomcat");
        }
        try {
            return (WebSocketContainer) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The " + name + " client container (" + className
                    + ") is not on the test class path", e);
        }
    }

    /** A builder with this run's container. */
    static WebSocketInit.Builder init() {
        return WebSocketInit.builder().container(container());
    }

    static boolean isTomcat() {
        return name().equals("tomcat");
    }

    static boolean isJetty() {
        return name().equals("jetty");
    }

    static boolean isTyrus() {
        return name().equals("tyrus");
    }
}
