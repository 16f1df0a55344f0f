package io.github.wsbridge.benchmarks;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * One WebSocket client API as the workloads drive it: the bridge on a container, that container's raw JSR-356 API, or
 * the JDK's {@code java.net.http.WebSocket}. Each implementation uses its API the way its documentation intends (no
 * thread waits in a connect where the API has an asynchronous one; one send in flight where the API requires it).
 */
interface Client {

    /** The name in the report, e.g. {@code bridge-tyrus}. */
    String name();

    /** Opens a connection; the future completes when it is open, or fails. Never blocks the caller for the handshake. */
    CompletableFuture<Link> connect(URI uri, Receiver receiver);

    /** An open connection. */
    interface Link {
        /** Sends a text message; may block only where the API's sends are blocking (raw JSR-356 Basic). */
        void sendText(String text);

        /** Sends the buffer's remaining bytes as a binary message; the caller does not touch it until the send returns. */
        void sendBinary(ByteBuffer data);

        /** Starts the closing handshake; never waits for it. */
        void close();
    }

    /** Receives one connection's messages, one at a time, in order (every API here guarantees that). */
    interface Receiver {
        void text(Link link, String text);

        default void binary(Link link, ByteBuffer data) {
            throw new IllegalStateException("unexpected binary message");
        }
    }

    /** A receiver that drops every message (idle connections). */
    Receiver IGNORE = new Receiver() {
        @Override
        public void text(Link link, String text) {
        }

        @Override
        public void binary(Link link, ByteBuffer data) {
        }
    };
}
