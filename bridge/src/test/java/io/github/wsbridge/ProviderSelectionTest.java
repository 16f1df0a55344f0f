package io.github.wsbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsbridge.internal.Providers;
import io.github.wsbridge.spi.WebSocketProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a socket's provider is chosen ({@code WebSocketInit.provider}, the container, ServiceLoader), and misuse. */
class ProviderSelectionTest {

    @Test
    void anUnknownProviderNameIsRefusedListingThePresentOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WebSocket(Servers.wpt("/echo"), Clients.init().provider("nope").build()));
        assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("generic"), e.getMessage());
        if (Clients.viaServiceLoader()) {
            assertTrue(e.getMessage().contains("tyrus"), e.getMessage());
        }
    }

    @Test
    void theGenericProviderCanBeNamedAndDrivesTheGivenContainer() {
        Recorder.Pair p = Recorder.open(Servers.wpt("/echo"),
                WebSocketInit.builder().container(Clients.container()).provider("generic"));
        p.rec.expectOpen();
        p.ws.send("generic");
        assertEquals("generic", p.rec.expectText());
        p.ws.close(1000);
        p.rec.expectClose(1000, "", true);
        WebSocketProvider chosen = Providers.select("generic", Clients.container());
        assertEquals("generic", chosen.name());
        assertTrue(chosen.container() == Clients.container(), "the given container is used as it is");
    }

    @Test
    void withAContainerTheMostCapableProviderThatAcceptsItIsUsed() {
        WebSocketProvider chosen = Providers.select(null, Clients.container());
        // Only wsbridge-tyrus's provider accepts a container (Tyrus's ClientManager); everything else is generic.
        assertEquals(Clients.viaServiceLoader() ? "tyrus" : "generic", chosen.name(), chosen::toString);
        assertTrue(chosen.container() == Clients.container());
    }

    @Test
    void aBlankProviderNameIsRefusedByTheBuilder() {
        assertThrows(IllegalArgumentException.class, () -> WebSocketInit.builder().provider(" "));
        assertThrows(NullPointerException.class, () -> WebSocketInit.builder().provider(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1:21", "https://127.0.0.1:3128", "http://127.0.0.1:3128/path",
        "http://127.0.0.1:3128?q", "http://127.0.0.1:3128#f", "http:///nohost", "not a url", "127.0.0.1:3128",
        "http://alice@127.0.0.1:3128"})
    void aProxyThatIsNotAnHttpHostAndPortIsRefusedByTheBuilder(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WebSocketInit.builder().proxy(url));
        assertTrue(e.getMessage().contains(url), e.getMessage());
    }

    @Test
    void aProxyUrlKeepsItsCredentialsAndDefaultsToPort80() {
        WebSocketInit init = WebSocketInit.builder().proxy("http://u:p%40ss@proxy.example").build();
        assertEquals("u:p@ss", init.proxy().getUserInfo());
        assertEquals(-1, init.proxy().getPort());
        assertEquals("proxy.example", init.proxy().getHost());
    }
}
