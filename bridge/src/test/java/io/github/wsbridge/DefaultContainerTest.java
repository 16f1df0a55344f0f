package io.github.wsbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsbridge.internal.DefaultContainer;
import io.github.wsbridge.internal.Providers;
import io.github.wsbridge.spi.WebSocketProvider;
import org.junit.jupiter.api.Test;

/**
 * Without WebSocketInit.container: with no provider on the class path, one ContainerProvider container is obtained once
 * and shared through the generic provider; with wsbridge-tyrus on it, that provider is found and used.
 */
class DefaultContainerTest {

    @Test
    void socketsWithoutAContainerShareTheOneFromContainerProvider() {
        Recorder first = new Recorder();
        WebSocket a = new WebSocket(Servers.wpt("/echo"), first.attach(WebSocketInit.builder()).build());
        Recorder second = new Recorder();
        WebSocket b = new WebSocket(Servers.wpt("/echo"), second.attach(WebSocketInit.builder()).build());
        first.expectOpen();
        second.expectOpen();
        a.send("a");
        b.send("b");
        assertEquals("a", first.expectText());
        assertEquals("b", second.expectText());
        WebSocketProvider chosen = Providers.select(null, null);
        if (Clients.viaServiceLoader()) {
            assertEquals("tyrus", chosen.name(), "ServiceLoader found wsbridge-tyrus: " + chosen);
            assertSame(chosen, Providers.select(null, null), "one shared provider and container");
        } else {
            assertEquals(Providers.GENERIC, chosen.name(), "no provider on this class path: " + chosen);
            assertSame(DefaultContainer.get(), DefaultContainer.get(), "obtained once");
            assertSame(DefaultContainer.get(), chosen.container());
        }
        // Jetty's in the jetty execution, and in the undertow one as well: the test server brings Jetty's client and its
        // ContainerProvider onto every class path, and the undertow execution appends Undertow's jars after the test
        // server's (bridge/pom.xml), so ServiceLoader finds Jetty's provider first there.
        String expected = Clients.isTyrus() ? "org.glassfish.tyrus." : Clients.isTomcat() ? "org.apache.tomcat."
                : "org.eclipse.jetty.";
        // wsbridge-tyrus's container is its own subclass of Tyrus's ClientManager.
        Class<?> kind = Clients.viaServiceLoader() ? chosen.container().getClass().getSuperclass()
                : chosen.container().getClass();
        assertTrue(kind.getName().startsWith(expected), "ServiceLoader found this run's client first: " + kind.getName());
        a.close(1000);
        b.close(1000);
        first.expectClose(1000, "", true);
        second.expectClose(1000, "", true);
    }
    /**
     * One default container per context class loader, that is per application in a server, so that a bridge shared by
     * applications (GlassFish embedded, a server library) never hands one application's container to another.
     */
    @Test
    void eachContextClassLoaderGetsItsOwnDefaultContainerOnce() throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        jakarta.websocket.WebSocketContainer mine = DefaultContainer.get();
        assertSame(mine, DefaultContainer.get());
        try (java.net.URLClassLoader application = new java.net.URLClassLoader(new java.net.URL[0], original)) {
            thread.setContextClassLoader(application);
            jakarta.websocket.WebSocketContainer theirs = DefaultContainer.get();
            assertNotSame(mine, theirs, "another application gets another container");
            assertSame(theirs, DefaultContainer.get(), "and keeps it");
            if (!Clients.viaServiceLoader()) {
                // A socket constructed there uses it.
                assertSame(theirs, Providers.select(null, null).container());
            }
        } finally {
            thread.setContextClassLoader(original);
        }
        assertSame(mine, DefaultContainer.get());
    }
}
