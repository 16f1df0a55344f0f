package io.github.wsbridge.arquillian;

import java.util.Arrays;

/**
 * The servers of this module, one per Failsafe execution, and what each is expected to give a web application. The
 * execution's id is {@code arquillian.launch} in the test JVM; deployments carry it into the server as {@link #RESOURCE}.
 */
public enum Server {

    GLASSFISH("glassfish", "org.glassfish.tyrus.client.ClientManager", true),
    PAYARA_MICRO("payara-micro", "org.glassfish.tyrus.client.ClientManager", false),
    WILDFLY("wildfly", "io.undertow.websockets.jsr.ServerWebSocketContainer", true);

    /** The resource in each test WAR that names the server it was built for. */
    public static final String RESOURCE = "wsbridge-server.txt";

    private final String id;
    private final String clientContainer;
    private final boolean survivesUndeploy;

    Server(String id, String clientContainer, boolean survivesUndeploy) {
        this.id = id;
        this.clientContainer = clientContainer;
        this.survivesUndeploy = survivesUndeploy;
    }

    /** The Arquillian qualifier and Failsafe execution id. */
    public String id() {
        return id;
    }

    /** The class of {@code ContainerProvider.getWebSocketContainer()} inside a web application. */
    public String clientContainer() {
        return clientContainer;
    }

    /**
     * Whether the server process outlives an undeployed application. Payara Micro's adapter runs one JVM per
     * deployment and stops it on undeploy.
     */
    public boolean survivesUndeploy() {
        return survivesUndeploy;
    }

    /** The server of this test JVM's Failsafe execution. */
    public static Server current() {
        return byId(System.getProperty("arquillian.launch"));
    }

    /** The server named {@code id}. */
    public static Server byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("Unknown server '" + id + "': run through Maven (./mvnw"
                        + " verify), whose Failsafe executions set arquillian.launch to one of glassfish, payara-micro,"
                        + " wildfly"));
    }
}
