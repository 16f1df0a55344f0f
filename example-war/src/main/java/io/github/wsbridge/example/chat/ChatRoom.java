package io.github.wsbridge.example.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;

/**
 * The one chat room of the application: who is in it, and what they say to each other.
 *
 * <p>Its methods are public because the endpoint calls them through the CDI client proxy.
 *
 * <p><b>Concurrency.</b> Called from the container's threads of every member at once. Membership is a concurrent map
 * (a name is taken atomically by {@code putIfAbsent}); each notice is built from a snapshot of the names, so two joins
 * at the same moment may both list each other or not, but every member sees every join and leave.
 */
@ApplicationScoped
public class ChatRoom {

    /** A member's name: 1 to 20 letters, digits, '-' or '_'. */
    public static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_-]{1,20}");

    /** Close code for a name someone in the room already has. */
    public static final int NAME_TAKEN = 4001;
    /** Close code for a missing or malformed name. */
    public static final int NAME_INVALID = 4002;

    private final Map<String, ChatMember> members = new ConcurrentSkipListMap<>();

    /**
     * Admits a session under a name, or closes it with {@link #NAME_INVALID} or {@link #NAME_TAKEN}.
     *
     * @return the new member, or empty if the session was refused (and is being closed)
     */
    public Optional<ChatMember> join(String name, Session session) {
        if (name == null || !NAME.matcher(name).matches()) {
            closeQuietly(session, NAME_INVALID, "invalid name: use 1-20 letters, digits, - or _");
            return Optional.empty();
        }
        ChatMember member = new ChatMember(name, session);
        if (members.putIfAbsent(name, member) != null) {
            closeQuietly(session, NAME_TAKEN, "the name " + name + " is taken");
            return Optional.empty();
        }
        member.send(ChatJson.welcome(name, names(), ChatEndpoint.MAX_MESSAGE_BYTES));
        broadcast(ChatJson.join(name, names()), member);
        return Optional.of(member);
    }

    /** What a member sent: a message for everyone, or a command. */
    public void post(ChatMember from, String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return;
        }
        if (trimmed.startsWith("/")) {
            command(from, trimmed);
            return;
        }
        broadcast(ChatJson.message(from.name(), trimmed), null);
    }

    private void command(ChatMember from, String text) {
        try {
            Optional<CloseCommand> close = CloseCommand.parse(text);
            if (close.isPresent()) {
                from.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(close.get().code()),
                        close.get().reason()));
            } else {
                from.send(ChatJson.error("unknown command " + text.split("\\s", 2)[0]
                        + "; the room knows /close CODE [REASON]"));
            }
        } catch (IllegalArgumentException e) {
            from.send(ChatJson.error(e.getMessage()));
        }
    }

    /** Removes a member whose session closed, and tells the others. */
    public void leave(ChatMember member, int code) {
        if (members.remove(member.name(), member)) {
            broadcast(ChatJson.leave(member.name(), code, names()), null);
        }
    }

    /** The names of the members, sorted. */
    public List<String> names() {
        return List.copyOf(members.keySet());
    }

    private void broadcast(String json, ChatMember except) {
        for (ChatMember m : members.values()) {
            if (m != except) {
                m.send(json);
            }
        }
    }

    private static void closeQuietly(Session session, int code, String reason) {
        ChatMember.close(session, new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
    }
}
