package io.github.wsbridge.example.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BotUpstreamTest {

    private static final Map<String, String> NONE = Map.of();

    @Test
    void selfUrlIsTheChatAtTheAddressTheRequestArrivedAt() {
        assertEquals("ws://127.0.0.1:8080/wsbridge-example/chat?name=bot",
                BotUpstream.selfUrl(false, "127.0.0.1", 8080, "/wsbridge-example"));
        assertEquals("wss://10.1.2.3:8443/chat?name=bot", BotUpstream.selfUrl(true, "10.1.2.3", 8443, ""));
        assertEquals("ws://[0:0:0:0:0:0:0:1]:8080/app/chat?name=bot",
                BotUpstream.selfUrl(false, "0:0:0:0:0:0:0:1%lo", 8080, "/app"));
    }

    @Test
    void systemPropertyThenEnvironmentThenContextParameter() {
        Map<String, String> props = Map.of(BotUpstream.PROPERTY, "ws://a/chat");
        Map<String, String> env = Map.of(BotUpstream.ENV, "ws://b/chat");
        Map<String, String> ctx = Map.of(BotUpstream.PROPERTY, "ws://c/chat");
        assertEquals(Optional.of("ws://a/chat"), BotUpstream.configured(props::get, env::get, ctx::get));
        assertEquals(Optional.of("ws://b/chat"), BotUpstream.configured(NONE::get, env::get, ctx::get));
        assertEquals(Optional.of("ws://c/chat"), BotUpstream.configured(NONE::get, NONE::get, ctx::get));
        assertEquals(Optional.empty(), BotUpstream.configured(NONE::get, NONE::get, NONE::get));
        assertEquals(Optional.of("ws://c/chat"),
                BotUpstream.configured(Map.of(BotUpstream.PROPERTY, " ")::get, NONE::get, ctx::get));
    }

    @Test
    void onlyWebSocketUrlsPass() {
        assertEquals("wss://example.org/chat", BotUpstream.check("wss://example.org/chat"));
        assertEquals("http://127.0.0.1:9/x", BotUpstream.check("http://127.0.0.1:9/x"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BotUpstream.check("not a url"))
                .getMessage().startsWith("not a URL"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BotUpstream.check("ftp://host/"))
                .getMessage().startsWith("not a WebSocket URL"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BotUpstream.check("ws:///chat"))
                .getMessage().contains("no host"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BotUpstream.check("ws://h/chat#x"))
                .getMessage().contains("fragment"));
    }
}
