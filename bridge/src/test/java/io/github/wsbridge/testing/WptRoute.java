package io.github.wsbridge.testing;

import jakarta.websocket.Endpoint;
import java.util.function.Supplier;

/**
 * One {@link WptServer} path: the endpoint that runs after the handshake, and how the handshake itself behaves.
 *
 * @param path            the exact request path (no query)
 * @param type            the endpoint's class, as Jetty's deployment wants it
 * @param factory         makes one endpoint instance per connection
 * @param subprotocols    subprotocol selection and refusal
 * @param extensions      whether extensions (permessage-deflate) may be negotiated; false mimics handlers that turn
 *                        them off ({@code handshake_no_extensions}, the backpressure handlers)
 * @param handshakeDelay  milliseconds to wait before answering the handshake
 * @param basicAuth       whether to demand {@code Authorization: Basic Zm9vOmJhcg==} (else 401)
 */
record WptRoute(String path, Class<? extends Endpoint> type, Supplier<? extends Endpoint> factory,
                Subprotocols subprotocols, boolean extensions, long handshakeDelay, boolean basicAuth) {

    /** A path with pywebsocket's defaults: no subprotocol selected, extensions allowed, no delay, no auth. */
    static WptRoute of(String path, Supplier<? extends Endpoint> factory) {
        // Endpoint constructors here have no side effects, so one throw-away instance tells the class.
        return new WptRoute(path, factory.get().getClass(), factory, Subprotocols.NONE, true, 0, false);
    }

    WptRoute withSubprotocols(Subprotocols s) {
        return new WptRoute(path, type, factory, s, extensions, handshakeDelay, basicAuth);
    }

    WptRoute withoutExtensions() {
        return new WptRoute(path, type, factory, subprotocols, false, handshakeDelay, basicAuth);
    }

    WptRoute withHandshakeDelay(long millis) {
        return new WptRoute(path, type, factory, subprotocols, extensions, millis, basicAuth);
    }

    WptRoute withBasicAuth() {
        return new WptRoute(path, type, factory, subprotocols, extensions, handshakeDelay, true);
    }
}
