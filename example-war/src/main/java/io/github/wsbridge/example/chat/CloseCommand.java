package io.github.wsbridge.example.chat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The text command {@code /close CODE [REASON]}, understood by {@code /chat} and {@code /echo}: the server closes the
 * sender's connection with that status code and reason, so a client can see a close the server started.
 *
 * @param code a status code a server may send (RFC 6455 §7.4: 1000-1003, 1007-1014, or 3000-4999)
 * @param reason the reason, at most 123 bytes in UTF-8 (a Close frame's body is at most 125 bytes)
 */
public record CloseCommand(int code, String reason) {

    /** The command's prefix. */
    public static final String PREFIX = "/close";

    /** The largest close reason in UTF-8 bytes. */
    public static final int MAX_REASON_BYTES = 123;

    /** Whether {@code text} is meant as this command (it may still be malformed). */
    public static boolean isCommand(String text) {
        return text.equals(PREFIX) || text.startsWith(PREFIX + " ");
    }

    /**
     * Parses a command.
     *
     * @return the command, or empty if {@code text} is not a {@code /close} command at all
     * @throws IllegalArgumentException if it is one but the code or reason is not allowed, with a message for the user
     */
    public static Optional<CloseCommand> parse(String text) {
        if (!isCommand(text)) {
            return Optional.empty();
        }
        String[] parts = text.substring(PREFIX.length()).strip().split("\\s+", 2);
        if (parts[0].isEmpty()) {
            throw new IllegalArgumentException("usage: /close CODE [REASON], for example /close 4000 bye");
        }
        int code;
        try {
            code = Integer.parseInt(parts[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + parts[0] + "' is not a close code; usage: /close CODE [REASON]");
        }
        if (!isSendable(code)) {
            throw new IllegalArgumentException("a server cannot close with " + code
                    + "; use 1000-1003, 1007-1014 or 3000-4999");
        }
        String reason = parts.length > 1 ? parts[1] : "";
        int bytes = reason.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("the close reason is " + bytes + " bytes; at most " + MAX_REASON_BYTES
                    + " fit in a Close frame");
        }
        return Optional.of(new CloseCommand(code, reason));
    }

    /** The codes an endpoint may put in a Close frame: not 1004-1006 and 1015 (reserved), nothing in 0-999 or 1016-2999. */
    static boolean isSendable(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
