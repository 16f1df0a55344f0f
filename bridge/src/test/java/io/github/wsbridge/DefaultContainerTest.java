package io.github.wsbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsbridge.internal.DefaultContainer;
import org.junit.jupiter.api.Test;

/** Without WebSocketInit.container, one ContainerProvider container is obtained once and shared. */
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
        assertSame(DefaultContainer.get(), DefaultContainer.get(), "obtained once");
        String expected = Clients.isTyrus() ? "org.glassfish.tyrus." : Clients.isTomcat() ? "org.apache.tomcat."
                : "org.eclipse.jetty.";
        assertTrue(DefaultContainer.get().getClass().getName().startsWith(expected),
                "ServiceLoader found this run's client first: " + DefaultContainer.get().getClass().getName());
        a.close(1000);
        b.close(1000);
        first.expectClose(1000, "", true);
        second.expectClose(1000, "", true);
    }
}
