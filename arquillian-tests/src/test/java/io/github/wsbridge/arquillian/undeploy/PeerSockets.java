package io.github.wsbridge.arquillian.undeploy;

import io.github.wsbridge.WebSocket;
import io.github.wsbridge.WebSocketInit;
import io.github.wsbridge.arquillian.app.WebSockets;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The application that {@link io.github.wsbridge.arquillian.UndeployIT} deploys and undeploys: when it starts, it opens
 * {@value #SOCKETS} sockets to the peer named in {@value #PEER} (a server in the test JVM) through {@link WebSockets},
 * and each says hello once open. It never closes them itself.
 */
@WebListener
public class PeerSockets implements ServletContextListener {

    /** The resource with the peer's URL. */
    public static final String PEER = "peer.txt";
    /** How many sockets the application opens. */
    public static final int SOCKETS = 3;

    /** The resource that, when present, makes the application open plain sockets, with no option at all. */
    public static final String PLAIN = "plain.txt";

    @Inject
    WebSockets sockets;

    @Override
    public void contextInitialized(ServletContextEvent sce) {
        ClassLoader application = sce.getServletContext().getClassLoader();
        String url = peerUrl(application);
        boolean plain = application.getResource(PLAIN) != null;
        for (int i = 0; i < SOCKETS; i++) {
            String hello = "hello " + i;
            // The recipe (WebSockets), or what an application that knows nothing of it writes.
            WebSocketInit.Builder init = plain ? WebSocketInit.builder() : sockets.init();
            new WebSocket(url + "?socket=" + i, init.onopen(event -> ((WebSocket) event.target()).send(hello)).build());
        }
    }

    /** From the application's class loader: on GlassFish embedded this class is also on the JVM's class path. */
    private static String peerUrl(ClassLoader application) {
        try (InputStream in = application.getResourceAsStream(PEER)) {
            if (in == null) {
                throw new IllegalStateException(PEER + " is missing from the deployment");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
