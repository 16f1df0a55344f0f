package io.github.wsbridge.example.bot;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/**
 * A snapshot of the bot, as {@code GET /api/bot} shows it.
 *
 * @param state {@code idle} (no upstream known yet, or none that the bridge accepts), {@code connecting},
 *        {@code open}, {@code closing}, {@code closed} (for the moment before the bot handles the close event),
 *        {@code waiting} (to reconnect) or {@code stopped}
 * @param url the upstream it uses or will use, or null
 * @param defaultUrl the configured or derived upstream, or null
 * @param retargeted whether the page pointed the bot away from {@code defaultUrl}
 * @param bufferedAmount the current socket's {@code bufferedAmount}, 0 without a socket
 * @param lastClose the last close event the bot got, or null
 * @param lastError the last error, or null
 * @param failures connections in a row that did not last (they set the backoff)
 * @param nextAttempt when the next reconnect is due, or null
 * @param answered how many messages the bot answered
 * @param eventThread the thread the last event was dispatched on, or null
 * @param managedThread whether that thread is a Jakarta Concurrency managed thread
 */
public record BotStatus(String state, String url, String defaultUrl, boolean retargeted, long bufferedAmount,
        Close lastClose, Failure lastError, int failures, Instant nextAttempt, long answered, String eventThread,
        boolean managedThread) {

    /**
     * A close event the bot got.
     *
     * @param code its code
     * @param reason its reason
     * @param wasClean its wasClean
     * @param url the URL of the socket that closed
     * @param at when it was dispatched
     */
    public record Close(int code, String reason, boolean wasClean, String url, Instant at) {
    }

    /**
     * An error the bot met: a failed connection (from {@code WebSocket.failure()}) or a URL the bridge refused.
     *
     * @param message what happened
     * @param url the URL it happened with
     * @param at when
     */
    public record Failure(String message, String url, Instant at) {
    }

    /** The snapshot as JSON; absent values are JSON null. */
    public JsonObject toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder().add("state", state);
        addOrNull(json, "url", url);
        addOrNull(json, "defaultUrl", defaultUrl);
        json.add("retargeted", retargeted).add("bufferedAmount", bufferedAmount);
        if (lastClose == null) {
            json.addNull("lastClose");
        } else {
            json.add("lastClose", Json.createObjectBuilder().add("code", lastClose.code())
                    .add("reason", lastClose.reason()).add("wasClean", lastClose.wasClean())
                    .add("url", lastClose.url()).add("at", lastClose.at().toString()));
        }
        if (lastError == null) {
            json.addNull("lastError");
        } else {
            json.add("lastError", Json.createObjectBuilder().add("message", lastError.message())
                    .add("url", lastError.url()).add("at", lastError.at().toString()));
        }
        json.add("failures", failures);
        addOrNull(json, "nextAttempt", nextAttempt == null ? null : nextAttempt.toString());
        json.add("answered", answered);
        addOrNull(json, "eventThread", eventThread);
        json.add("managedThread", managedThread);
        return json.build();
    }

    private static void addOrNull(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }
}
