package io.github.wsbridge.benchmarks;

import io.github.wsbridge.MessageEvent;
import io.github.wsbridge.WebSocket;
import io.github.wsbridge.WebSocketInit;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * wsbridge's {@code WebSocket}, as an application uses it: listeners in {@link WebSocketInit}, events on the bridge's
 * own executor, {@code binaryType "arraybuffer"}. With no container, the bridge picks its provider itself (wsbridge-tyrus
 * when it is on the class path); with one, the generic provider drives it.
 */
final class BridgeClient implements Client {

    private final String name;
    private final WebSocketContainer container; // null: the bridge chooses (wsbridge-tyrus)

    BridgeClient(String name, WebSocketContainer container) {
        this.name = name;
        this.container = container;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<Link> connect(URI uri, Receiver receiver) {
        CompletableFuture<Link> opened = new CompletableFuture<>();
        // No connect timeout, as the raw clients have none: the workloads bound every wait themselves.
        WebSocketInit.Builder init = WebSocketInit.builder();
        if (container != null) {
            init.container(container);
        }
        BridgeLink[] link = new BridgeLink[1];
        init.onopen(event -> {
            WebSocket socket = (WebSocket) event.target();
            socket.binaryType("arraybuffer");
            link[0] = new BridgeLink(socket);
            opened.complete(link[0]);
        });
        init.onmessage(event -> {
            Object data = ((MessageEvent) event).data();
            if (data instanceof String) {
                receiver.text(link[0], (String) data);
            } else {
                receiver.binary(link[0], (ByteBuffer) data);
            }
        });
        init.onclose(event -> opened.completeExceptionally(new IllegalStateException("closed before open: "
                + ((WebSocket) event.target()).failure().map(Object::toString).orElse("?"))));
        new WebSocket(uri.toString(), init.build());
        return opened;
    }

    private static final class BridgeLink implements Link {
        private final WebSocket socket;

        BridgeLink(WebSocket socket) {
            this.socket = socket;
        }

        @Override
        public void sendText(String text) {
            socket.send(text);
        }

        @Override
        public void sendBinary(ByteBuffer data) {
            socket.send(data);
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
