package io.github.wsbridge.benchmarks;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A container's own JSR-356 client API, used well: a programmatic {@link Endpoint} with whole-message handlers, sends
 * through {@link RemoteEndpoint.Basic} (one send at a time, which every container allows from any thread, the
 * container's read thread included). The connect is Tyrus's {@code asyncConnectToServer} on Tyrus; Tomcat and Jetty
 * have only the blocking {@code connectToServer}, which runs on a pool thread per connect in progress (the JSR-356 way
 * to connect without blocking the caller).
 */
final class JakartaClient implements Client {

    private final String name;
    private final WebSocketContainer container;
    private final boolean asyncConnect;
    private final ExecutorService connectThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "raw-connect");
                t.setDaemon(true);
                return t;
            });

    /**
     * @param binaryMessages whether 64 KiB binary messages will be received: then the container's binary message buffer
     *        is raised to that size (Tomcat's default is 8 KiB, and Tomcat allocates the whole buffer for every session,
     *        so it stays at the default otherwise)
     */
    JakartaClient(String name, WebSocketContainer container, boolean asyncConnect, boolean binaryMessages) {
        this.name = name;
        this.container = container;
        this.asyncConnect = asyncConnect;
        if (binaryMessages) {
            container.setDefaultMaxBinaryMessageBufferSize(Math.max(Workloads.BINARY_SIZE,
                    container.getDefaultMaxBinaryMessageBufferSize()));
        }
        container.setDefaultMaxSessionIdleTimeout(0);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<Link> connect(URI uri, Receiver receiver) {
        CompletableFuture<Link> opened = new CompletableFuture<>();
        Endpoint endpoint = new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                RawLink link = new RawLink(session);
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> receiver.text(link, text));
                session.addMessageHandler(ByteBuffer.class,
                        (MessageHandler.Whole<ByteBuffer>) data -> receiver.binary(link, data));
                opened.complete(link);
            }

            @Override
            public void onClose(Session session, CloseReason closeReason) {
                opened.completeExceptionally(new IllegalStateException("closed before open: " + closeReason));
            }

            @Override
            public void onError(Session session, Throwable thr) {
                if (!opened.completeExceptionally(thr)) {
                    thr.printStackTrace(); // after open: into the client's log, and the workload times out
                }
            }
        };
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        if (asyncConnect) {
            try {
                // Tyrus's ClientManager: returns at once; onOpen completes the future.
                container.getClass().getMethod("asyncConnectToServer", Endpoint.class, ClientEndpointConfig.class,
                        URI.class).invoke(container, endpoint, config, uri);
            } catch (ReflectiveOperationException e) {
                opened.completeExceptionally(e);
            }
        } else {
            connectThreads.execute(() -> {
                try {
                    container.connectToServer(endpoint, config, uri);
                } catch (Exception e) {
                    opened.completeExceptionally(e);
                }
            });
        }
        return opened;
    }

    /**
     * Sends are serialized per session: a container's Basic remote refuses a send while another thread's send on the
     * same session has not returned yet (Tomcat: "TEXT_FULL_WRITING", Jetty: "Blocking message pending"), which happens
     * when an echo arrives before the first send's call has returned.
     */
    private static final class RawLink implements Link {
        private final Session session;
        private final RemoteEndpoint.Basic remote;

        RawLink(Session session) {
            this.session = session;
            this.remote = session.getBasicRemote();
        }

        @Override
        public synchronized void sendText(String text) {
            try {
                remote.sendText(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public synchronized void sendBinary(ByteBuffer data) {
            try {
                remote.sendBinary(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                session.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
