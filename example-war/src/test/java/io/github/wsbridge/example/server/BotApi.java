package io.github.wsbridge.example.server;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/** The deployed application's {@code /api/bot}, for tests that check the bot without a browser. */
public final class BotApi {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;

    /** The API of the application at {@code server}. */
    public BotApi(DeployedApp server) {
        this.uri = server.pageUri().resolve("api/bot");
    }

    /** {@code GET /api/bot}. */
    public JsonObject status() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return parse(response.body());
    }

    /** {@code POST /api/bot url=...}; gives the status code and the JSON answer. */
    public HttpResponse<String> retarget(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("url=" + URLEncoder.encode(url, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Polls the status until {@code condition} holds (bounded).
     *
     * @throws AssertionError with the last status if it does not hold within {@code timeout}
     */
    public JsonObject await(Predicate<JsonObject> condition, Duration timeout, String what)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject last = status();
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the bot did not get " + what + " within " + timeout.toSeconds()
                        + " s; its status: " + last);
            }
            Thread.sleep(100);   // polling interval of a bounded wait on another process's state
            last = status();
        }
        return last;
    }

    /** Parses a JSON object. */
    public static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
