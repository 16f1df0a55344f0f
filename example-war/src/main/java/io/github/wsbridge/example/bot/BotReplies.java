package io.github.wsbridge.example.bot;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the bot says back. It answers only lines addressed to it ({@code "@bot ping"} or {@code "bot: ping"}, any case),
 * never its own:
 *
 * <ul>
 *   <li>{@code ping} → {@code @sender pong}</li>
 *   <li>{@code time} → the server's clock</li>
 *   <li>{@code rejoin} → {@code /close 4000 rejoin asked by sender}: the bot asks the chat server to close its
 *       connection, and then shows that close and reconnects</li>
 *   <li>{@code help} or nothing → the list of commands; anything else → a polite refusal</li>
 * </ul>
 *
 * Immutable and thread-safe.
 */
public final class BotReplies {

    /** The close code the bot asks for with {@code rejoin}. */
    public static final int REJOIN_CODE = 4000;

    private final String name;
    private final Pattern addressed;
    private final Clock clock;

    /**
     * @param name the bot's name in the room
     * @param clock the clock {@code time} reads
     */
    public BotReplies(String name, Clock clock) {
        this.name = name;
        this.clock = clock;
        String quoted = Pattern.quote(name);
        this.addressed = Pattern.compile("(?:@" + quoted + "\\b[:,]?|" + quoted + ":)\\s*(.*)",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    /** The text to send in answer to {@code line}, if it calls for one. */
    public Optional<String> answer(ChatLine line) {
        if (line.from().equals(name)) {
            return Optional.empty();
        }
        Matcher m = addressed.matcher(line.text().strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String command = m.group(1).strip().toLowerCase(Locale.ROOT).split("\\s+", 2)[0];
        String to = "@" + line.from() + " ";
        switch (command) {
            case "ping":
                return Optional.of(to + "pong");
            case "time":
                return Optional.of(to + "the server's clock says " + Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
            case "rejoin":
                return Optional.of("/close " + REJOIN_CODE + " rejoin asked by " + line.from());
            case "":
            case "help":
                return Optional.of(to + "I answer: ping, time, rejoin, help");
            default:
                return Optional.of(to + "sorry, I only know ping, time, rejoin and help");
        }
    }
}
