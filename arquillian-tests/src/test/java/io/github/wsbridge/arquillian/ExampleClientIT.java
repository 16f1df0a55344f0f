package io.github.wsbridge.arquillian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsbridge.WebSocket;
import io.github.wsbridge.WebSocketInit;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * From outside the server: the bridge, on Tyrus (the standalone client; on GlassFish embedded, GlassFish's own Tyrus in
 * this JVM), drives the example application deployed on the server, whose bot is itself a bridge socket inside it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ExampleClientIT {

    @Deployment(testable = false)
    static WebArchive example() {
        return Deployments.example();
    }

    @ArquillianResource
    URL base;

    private final List<WebSocket> sockets = new ArrayList<>();

    @AfterEach
    void closeSockets() {
        sockets.forEach(WebSocket::close);
    }

    private WebSocket connect(String path, Recorder events) {
        WebSocket ws = events.open(base.toString().replaceFirst("^http", "ws") + path, WebSocketInit.builder());
        sockets.add(ws);
        return ws;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theEchoEndpointAnswersTextAndBinaryAndClosesWithTheCodeAskedFor() {
        Recorder events = new Recorder();
        WebSocket ws = connect("echo", events);
        events.open();
        ws.binaryType("arraybuffer");
        ws.send("hello from " + Server.current().id());
        assertEquals("hello from " + Server.current().id(), events.message());
        ws.send(new byte[] {1, 2, 3});
        ByteBuffer binary = (ByteBuffer) events.message();
        byte[] bytes = new byte[binary.remaining()];
        binary.get(bytes);
        assertArrayEquals(new byte[] {1, 2, 3}, bytes);
        ws.send("/close 4000 bye");
        events.close(4000, "bye", true);
        events.nothingMore();
    }

    @Test
    void theBotInsideTheServerAnswersOnManagedThreads() throws Exception {
        assertEquals(200, get("").statusCode(), "the page; its first request gives the bot its upstream");
        Recorder events = new Recorder();
        WebSocket ws = connect("chat?name=java-" + Server.current().id(), events);
        events.open();
        // The bot connects after the first request: its arrival is a welcome or a join listing it.
        events.messageWhere(m -> m.contains("\"members\"") && m.contains("\"bot\""), "listing the bot");

        ws.send("@bot ping");
        events.messageWhere(m -> m.contains("\"from\":\"bot\"")
                && m.contains("\"text\":\"@java-" + Server.current().id() + " pong\""), "from the bot");

        String status = get("api/bot").body();
        assertTrue(status.contains("\"state\":\"open\""), status);
        assertTrue(status.contains("\"managedThread\":true"), () -> "the bot's events ran on managed threads: " + status);
        System.out.println("[wsbridge] " + Server.current().id() + ": the example's bot: " + status);
    }
}
