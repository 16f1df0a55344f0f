package io.github.wsbridge.example.chat;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code ws://host/context/chat?name=NAME}: joins the {@link ChatRoom} under that name.
 *
 * <p>A text message is said to the room, except {@code /close CODE [REASON]} ({@link CloseCommand}), after which the
 * server closes this connection with that code and reason. A message over {@value #MAX_MESSAGE_BYTES} bytes makes the
 * container close the connection with 1009 (Message Too Big). A missing or malformed name closes with 4002, a taken one
 * with 4001.
 *
 * <p>One instance per connection; the container calls its methods one at a time for that connection, but not always on
 * the same thread, so {@code member} is volatile.
 */
@ServerEndpoint("/chat")
public class ChatEndpoint {

    /** The largest message the room accepts, in bytes. */
    public static final int MAX_MESSAGE_BYTES = 4096;

    private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());

    @Inject
    ChatRoom room;

    private volatile ChatMember member;

    @OnOpen
    public void open(Session session) {
        List<String> names = session.getRequestParameterMap().get("name");
        member = room.join(names == null || names.isEmpty() ? null : names.get(0), session).orElse(null);
    }

    @OnMessage(maxMessageSize = MAX_MESSAGE_BYTES)
    public void message(String text) {
        ChatMember m = member;
        if (m != null) {
            room.post(m, text);
        }
    }

    @OnClose
    public void close(CloseReason reason) {
        ChatMember m = member;
        if (m != null) {
            room.leave(m, reason.getCloseCode().getCode());
        }
    }

    @OnError
    public void error(Throwable error) {
        ChatMember m = member;
        LOG.log(Level.FINE, "WebSocket error for " + (m == null ? "a refused session" : m.name()), error);
    }
}
