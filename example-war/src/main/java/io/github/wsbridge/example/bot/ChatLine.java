package io.github.wsbridge.example.bot;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.Optional;

/**
 * One {@code {"type":"message","from":...,"text":...}} of the chat's wire format, as the bot reads it.
 *
 * @param from who said it
 * @param text what they said
 */
public record ChatLine(String from, String text) {

    /**
     * Reads a received message's data.
     *
     * @return the chat line, or empty for anything else: other notices, binary data, text that is not chat JSON (the
     *         bot may be pointed at another server)
     */
    public static Optional<ChatLine> parse(Object data) {
        if (!(data instanceof String text)) {
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonObject json = reader.readObject();
            if (!"message".equals(json.getString("type", null))) {
                return Optional.empty();
            }
            String from = json.getString("from", null);
            String said = json.getString("text", null);
            return from == null || said == null ? Optional.empty() : Optional.of(new ChatLine(from, said));
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            return Optional.empty();
        }
    }
}
