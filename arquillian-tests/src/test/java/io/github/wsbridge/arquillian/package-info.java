/**
 * The bridge inside real Jakarta EE servers: GlassFish 7 (embedded), Payara Micro 6 and WildFly 39, each with its own
 * WebSocket client (Tyrus, Tyrus, Undertow), threads and class loading.
 *
 * <ul>
 * <li>{@link io.github.wsbridge.arquillian.InContainerIT}: runs inside the server. The bridge, on the server's own
 *     {@code WebSocketContainer}, talks to {@link io.github.wsbridge.arquillian.app.TestEndpoints} deployed in the same
 *     WAR: the core conformance scenarios, events on the server's {@code ManagedExecutorService}, CDI and JNDI from
 *     listeners, and the {@link io.github.wsbridge.arquillian.app.WebSockets} bean.</li>
 * <li>{@link io.github.wsbridge.arquillian.UndeployIT}: from outside. An application with open sockets is deployed and
 *     undeployed; its peers see 1001 and no bridge thread is left in the server.</li>
 * <li>{@link io.github.wsbridge.arquillian.ExampleClientIT}: from outside. The bridge on Tyrus standalone drives the
 *     deployed example application.</li>
 * </ul>
 * Which server runs is chosen by the Failsafe execution ({@code arquillian.launch}); {@link
 * io.github.wsbridge.arquillian.Server} names what each one is expected to give.
 */
package io.github.wsbridge.arquillian;
