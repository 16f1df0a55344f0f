/**
 * The {@code wsbridge-tyrus} provider: the bridge's {@code WebSocket} (WHATWG WebSockets Standard) on Tyrus's client,
 * with a non-blocking connect, a handshake timeout, an HTTP proxy and TLS. Putting this jar on the class path is all an
 * application does; {@link io.github.wsbridge.tyrus.TyrusProvider} is found with {@link java.util.ServiceLoader}.
 */
package io.github.wsbridge.tyrus;
