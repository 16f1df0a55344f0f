package io.github.wsbridge.example.bot;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code /api/bot}: {@code GET} gives the bot's {@link BotStatus} as JSON; {@code POST} with the form field {@code url}
 * points the bot at that WebSocket URL (empty: back to its default) and gives the new status, or 400 with
 * {@code {"error": ...}} for a URL that is not a WebSocket URL.
 *
 * <p>This switch is for the demonstration: on a server that others can reach, anyone could make the bot connect
 * anywhere. Protect it (a security constraint) or remove it before deploying the example anywhere but localhost.
 */
@WebServlet("/api/bot")
public class BotServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ChatBot bot;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        write(resp, HttpServletResponse.SC_OK, bot.status().toJson());
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            bot.retarget(req.getParameter("url"));
        } catch (IllegalArgumentException | IllegalStateException e) {
            write(resp, HttpServletResponse.SC_BAD_REQUEST, Json.createObjectBuilder().add("error", e.getMessage())
                    .add("status", bot.status().toJson()).build());
            return;
        }
        write(resp, HttpServletResponse.SC_OK, bot.status().toJson());
    }

    private static void write(HttpServletResponse resp, int status, JsonObject json) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(json.toString());
    }
}
