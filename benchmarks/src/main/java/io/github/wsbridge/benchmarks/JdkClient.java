package io.github.wsbridge.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The JDK's {@code java.net.http.WebSocket}, used as its Javadoc asks: one shared {@link HttpClient}, {@code request(1)}
 * per message, and each send chained after the previous one completes (the API allows one outstanding send).
 */
final class JdkClient implements Client {

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public String name() {
        return "jdk";
    }

    @Override
    public CompletableFuture<Link> connect(URI uri, Receiver receiver) {
        JdkLink link = new JdkLink();
        return http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            private StringBuilder text;
            private ByteBuffer binary;

            @Override
            public void onOpen(WebSocket webSocket) {
                webSocket.request(1);
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                if (text == null && last) {
                    receiver.text(link, data.toString());
                } else {
                    if (text == null) {
                        text = new StringBuilder();
                    }
                    text.append(data);
                    if (last) {
                        String message = text.toString();
                        text = null;
                        receiver.text(link, message);
                    }
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                if (binary == null && last) {
                    receiver.binary(link, data);
                } else {
                    ByteBuffer sum = ByteBuffer.allocate((binary == null ? 0 : binary.remaining()) + data.remaining());
                    if (binary != null) {
                        sum.put(binary);
                    }
                    sum.put(data).flip();
                    binary = sum;
                    if (last) {
                        ByteBuffer message = binary;
                        binary = null;
                        receiver.binary(link, message);
                    }
                }
                webSocket.request(1);
                return null;
            }
        }).thenApply(ws -> {
            link.open(ws);
            return link;
        });
    }

    private static final class JdkLink implements Link {
        private CompletableFuture<WebSocket> last; // guarded by this: the previous send

        synchronized void open(WebSocket ws) {
            last = CompletableFuture.completedFuture(ws);
        }

        @Override
        public synchronized void sendText(String text) {
            last = last.thenCompose(ws -> ws.sendText(text, true));
        }

        @Override
        public synchronized void sendBinary(ByteBuffer data) {
            last = last.thenCompose(ws -> ws.sendBinary(data, true));
        }

        @Override
        public synchronized void close() {
            last = last.thenCompose(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, ""));
        }
    }
}
