package io.github.wsbridge.example.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsbridge.CloseEvent;
import io.github.wsbridge.WebSocket;
import io.github.wsbridge.WebSocketInit;
import io.github.wsbridge.example.chat.ChatEndpoint;
import io.github.wsbridge.example.server.BotApi;
import io.github.wsbridge.example.server.DeployedApp;
import io.github.wsbridge.example.server.DeployedWar;
import io.github.wsbridge.example.server.PayaraMicro;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The deployed WAR's endpoints and bot, driven by wsbridge itself as a plain Java client (through wsbridge-tyrus,
 * which the bridge finds on the class path), without a browser.
 */
@ExtendWith(DeployedWar.class)
class BridgeClientIT {

    private static DeployedApp server;
    private static BotApi bot;

    private final List<WebSocket> sockets = new ArrayList<>();

    @BeforeAll
    static void deployed(DeployedApp app) {
        server = app;
        bot = new BotApi(app);
    }

    @AfterEach
    void closeSockets() {
        sockets.forEach(WebSocket::close);
    }

    private WebSocket connect(String path, Recorder events) {
        WebSocket ws = new WebSocket(server.wsUri(path).toString(), events.listen(WebSocketInit.builder()).build());
        sockets.add(ws);
        return ws;
    }

    @Test
    void echoSendsTextAndBinaryBack() throws Exception {
        Recorder events = new Recorder();
        WebSocket ws = connect("echo", events);
        events.next("open");
        ws.binaryType("arraybuffer");
        ws.send("hello");
        ws.send(new byte[] {1, 2, 3});
        assertEquals("hello", events.message().data());
        ByteBuffer binary = (ByteBuffer) events.message().data();
        byte[] bytes = new byte[binary.remaining()];
        binary.get(bytes);
        assertArrayEquals(new byte[] {1, 2, 3}, bytes);
        ws.close(1000, "done");
        assertEquals(1000, events.close().code());
    }

    @Test
    void serverClosesWithTheCodeAndReasonAskedFor() throws Exception {
        Recorder events = new Recorder();
        WebSocket ws = connect("echo", events);
        events.next("open");
        ws.send("/close 4000 bye");
        CloseEvent close = events.close();
        assertEquals(4000, close.code());
        assertEquals("bye", close.reason());
        assertTrue(close.wasClean(), close.toString());
        assertEquals(WebSocket.CLOSED, ws.readyState());
    }

    @Test
    void malformedCloseCommandIsAnsweredAndTheConnectionStaysOpen() throws Exception {
        Recorder events = new Recorder();
        WebSocket ws = connect("echo", events);
        events.next("open");
        ws.send("/close 999 nope");
        assertEquals("error: a server cannot close with 999; use 1000-1003, 1007-1014 or 3000-4999",
                events.message().data());
        ws.send("still here");
        assertEquals("still here", events.message().data());
        assertEquals(WebSocket.OPEN, ws.readyState());
    }

    @Test
    void overLongMessageMakesTheServerClose1009() throws Exception {
        for (String path : new String[] {"echo", "chat?name=java-long"}) {
            Recorder events = new Recorder();
            WebSocket ws = connect(path, events);
            events.next("open");
            if (path.startsWith("chat")) {
                events.messageWhere(m -> m.contains("\"type\":\"welcome\""), "welcome");
            }
            ws.send("x".repeat(ChatEndpoint.MAX_MESSAGE_BYTES));
            if (path.equals("echo")) {
                assertEquals(ChatEndpoint.MAX_MESSAGE_BYTES, ((String) events.message().data()).length(),
                        "a message of exactly the limit passes");
            } else {
                events.messageWhere(m -> m.contains("\"text\":\"xxxx"), "of exactly the limit");
            }
            ws.send("y".repeat(ChatEndpoint.MAX_MESSAGE_BYTES + 1));
            CloseEvent close = events.close();
            assertEquals(1009, close.code(), path + ": " + close);
        }
    }

    @Test
    void namesAreCheckedAtTheDoor() throws Exception {
        Recorder first = new Recorder();
        connect("chat?name=twin", first);
        first.next("open");
        first.messageWhere(m -> m.contains("\"type\":\"welcome\"") && m.contains("\"twin\""), "welcome");

        Recorder second = new Recorder();
        connect("chat?name=twin", second);
        second.next("open");
        CloseEvent taken = second.close();
        assertEquals(4001, taken.code());
        assertEquals("the name twin is taken", taken.reason());

        for (String path : new String[] {"chat", "chat?name=", "chat?name=no%20spaces", "chat?name=" + "n".repeat(21)}) {
            Recorder refused = new Recorder();
            connect(path, refused);
            refused.next("open");
            CloseEvent invalid = refused.close();
            assertEquals(4002, invalid.code(), path);
            assertEquals("invalid name: use 1-20 letters, digits, - or _", invalid.reason(), path);
        }
    }

    @Test
    void theBotAnswersInTheChatOnManagedThreads() throws Exception {
        JsonObject before = bot.await(s -> "open".equals(s.getString("state")), Duration.ofSeconds(30), "connected");
        Recorder events = new Recorder();
        WebSocket ws = connect("chat?name=java-client", events);
        events.next("open");
        String welcome = events.messageWhere(m -> m.contains("\"type\":\"welcome\""), "welcome");
        assertTrue(welcome.contains("\"bot\""), "the bot is in the room: " + welcome);

        ws.send("@bot ping");
        events.messageWhere(m -> m.contains("\"from\":\"bot\"") && m.contains("\"text\":\"@java-client pong\""),
                "from the bot");

        // The bot counts an answer after its send() returned; the pong may reach this client before that.
        long answeredBefore = before.getJsonNumber("answered").longValue();
        JsonObject after = bot.await(s -> s.getJsonNumber("answered").longValue() > answeredBefore,
                Duration.ofSeconds(10), "counted the answer");
        assertTrue(after.getBoolean("managedThread"), "events ran on a managed thread: " + after);
        assertFalse(after.getString("eventThread").startsWith("wsbridge-"), after.getString("eventThread"));
    }

    @Test
    void theBotReportsAnUnreachableUpstreamKeepsRetryingAndRecovers() throws Exception {
        bot.await(s -> "open".equals(s.getString("state")), Duration.ofSeconds(30), "connected");
        String unreachable = "ws://127.0.0.1:" + PayaraMicro.freePort() + "/nobody-listens";

        assertEquals(200, bot.retarget(unreachable).statusCode());
        JsonObject failing = bot.await(s -> s.getInt("failures") >= 2
                && !s.isNull("lastClose") && s.getJsonObject("lastClose").getInt("code") == 1006
                && unreachable.equals(s.getJsonObject("lastClose").getString("url")),
                Duration.ofSeconds(20), "two failed connections to " + unreachable);
        JsonObject error = failing.getJsonObject("lastError");
        assertEquals(unreachable, error.getString("url"));
        assertFalse(error.getString("message").isBlank(), failing.toString());
        assertTrue(failing.getBoolean("retargeted"));

        HttpResponse<String> refused = bot.retarget("not-a-url");
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(BotApi.parse(refused.body()).getString("error").startsWith("not a WebSocket URL"), refused.body());
        assertEquals(unreachable, bot.status().getString("url"), "a refused URL changes nothing");

        assertEquals(200, bot.retarget("").statusCode());
        JsonObject back = bot.await(s -> "open".equals(s.getString("state")), Duration.ofSeconds(20), "reconnected");
        assertFalse(back.getBoolean("retargeted"));
        assertEquals(back.getString("defaultUrl"), back.getString("url"));
        assertEquals(0, back.getInt("failures"));
    }
}
