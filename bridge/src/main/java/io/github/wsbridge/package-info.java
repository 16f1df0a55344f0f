/**
 * The WHATWG WebSockets Standard's {@code WebSocket} interface for Java, over any Jakarta WebSocket client container:
 * {@link io.github.wsbridge.WebSocket} and the DOM types it uses ({@link io.github.wsbridge.EventTarget},
 * {@link io.github.wsbridge.Event}, {@link io.github.wsbridge.MessageEvent}, {@link io.github.wsbridge.CloseEvent},
 * {@link io.github.wsbridge.DOMException}, {@link io.github.wsbridge.Blob}), with the options bag
 * {@link io.github.wsbridge.WebSocketInit}.
 *
 * <p>The jar's module name is {@code io.github.wsbridge} (Automatic-Module-Name). It needs only the JDK and
 * {@code jakarta.websocket-client-api}; a client container (Tyrus, Tomcat, Jetty, Undertow) must be present at run time.
 */
package io.github.wsbridge;
