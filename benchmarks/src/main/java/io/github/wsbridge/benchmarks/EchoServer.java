package io.github.wsbridge.benchmarks;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The benchmarks' server, in its own JVM: an embedded Jetty 12.1 Jakarta WebSocket server on 127.0.0.1 whose
 * {@code /echo} sends every text and binary message back. Prints {@code READY echo=PORT} when it listens, and runs
 * until its standard input closes. (Pending connects go to a {@link HoldingServer} in the client's own JVM.)
 *
 * <p>Echoing with the blocking API on Jetty's read thread keeps each connection's echoes in order and pushes back on a
 * client that sends faster than it reads, without any queue of its own.
 */
public final class EchoServer {

    /** Largest message echoed: the 64 KiB binary workload with room to spare. */
    static final int MAX_MESSAGE = 1 << 20;

    private EchoServer() {
    }

    /** Echoes text and binary messages. */
    public static final class Echo extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.setMaxIdleTimeout(0);
            RemoteEndpoint.Basic remote = session.getBasicRemote();
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                try {
                    remote.sendText(text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data -> {
                try {
                    remote.sendBinary(data);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    public static void main(String[] args) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(400);
        threads.setName("echo");
        Server server = new Server(threads);
        server.setStopTimeout(0);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(4096);
        connector.setIdleTimeout(600_000);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            container.setDefaultMaxTextMessageBufferSize(MAX_MESSAGE);
            container.setDefaultMaxBinaryMessageBufferSize(MAX_MESSAGE);
            container.setDefaultMaxSessionIdleTimeout(0);
            container.addEndpoint(ServerEndpointConfig.Builder.create(Echo.class, "/echo").build());
        });
        server.setHandler(context);
        server.start();

        System.out.println("READY echo=" + connector.getLocalPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the harness closes our standard input (or ends us)
        }
        server.stop();
        System.exit(0);
    }
}
