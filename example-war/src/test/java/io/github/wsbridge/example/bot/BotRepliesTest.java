package io.github.wsbridge.example.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BotRepliesTest {

    private final BotReplies replies = new BotReplies("bot",
            Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC));

    private Optional<String> answer(String from, String text) {
        return replies.answer(new ChatLine(from, text));
    }

    @Test
    void answersWhatIsAddressedToIt() {
        assertEquals(Optional.of("@alice pong"), answer("alice", "@bot ping"));
        assertEquals(Optional.of("@alice pong"), answer("alice", "bot: ping"));
        assertEquals(Optional.of("@alice pong"), answer("alice", "  @BOT,  PING please"));
        assertEquals(Optional.of("@bob the server's clock says 2026-01-02T03:04:05Z"), answer("bob", "@bot time"));
        assertEquals(Optional.of("@bob I answer: ping, time, rejoin, help"), answer("bob", "@bot"));
        assertEquals(Optional.of("@bob I answer: ping, time, rejoin, help"), answer("bob", "@bot help"));
        assertEquals(Optional.of("@bob sorry, I only know ping, time, rejoin and help"), answer("bob", "@bot dance"));
    }

    @Test
    void rejoinAsksTheServerToCloseTheBotsConnection() {
        assertEquals(Optional.of("/close 4000 rejoin asked by carol"), answer("carol", "@bot rejoin"));
    }

    @Test
    void ignoresEverythingElse() {
        assertEquals(Optional.empty(), answer("alice", "hello everyone"));
        assertEquals(Optional.empty(), answer("alice", "@bots ping"));
        assertEquals(Optional.empty(), answer("alice", "ask the bot: ping"));
        assertEquals(Optional.empty(), answer("bot", "@bot ping"), "never its own lines");
    }

    @Test
    void readsOnlyChatMessagesFromTheWire() {
        assertEquals(Optional.of(new ChatLine("alice", "@bot ping")),
                ChatLine.parse("{\"type\":\"message\",\"from\":\"alice\",\"text\":\"@bot ping\"}"));
        assertEquals(Optional.empty(), ChatLine.parse("{\"type\":\"join\",\"name\":\"alice\",\"members\":[]}"));
        assertEquals(Optional.empty(), ChatLine.parse("{\"type\":\"message\",\"from\":1,\"text\":\"x\"}"));
        assertEquals(Optional.empty(), ChatLine.parse("plain text from an echo server"));
        assertEquals(Optional.empty(), ChatLine.parse("[1,2]"));
        assertEquals(Optional.empty(), ChatLine.parse(java.nio.ByteBuffer.allocate(3)));
    }
}
