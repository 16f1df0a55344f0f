package io.github.wsbridge.example.chat;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code ws://host/context/echo}: sends every text and binary message back, except {@code /close CODE [REASON]}
 * ({@link CloseCommand}), after which the server closes the connection with that code and reason; a malformed command
 * is answered with {@code error: ...}. Messages over {@value ChatEndpoint#MAX_MESSAGE_BYTES} bytes are closed with 1009.
 */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    private static final Logger LOG = Logger.getLogger(EchoEndpoint.class.getName());

    @OnMessage(maxMessageSize = ChatEndpoint.MAX_MESSAGE_BYTES)
    public String text(String text, Session session) throws IOException {
        Optional<CloseCommand> close;
        try {
            close = CloseCommand.parse(text);
        } catch (IllegalArgumentException e) {
            return "error: " + e.getMessage();
        }
        if (close.isPresent()) {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(close.get().code()), close.get().reason()));
            return null;
        }
        return text;
    }

    @OnMessage(maxMessageSize = ChatEndpoint.MAX_MESSAGE_BYTES)
    public ByteBuffer binary(ByteBuffer data) {
        return data;
    }

    /** Errors such as a too big message: the container closes the connection itself (1009); nothing to do here. */
    @OnError
    public void error(Throwable error) {
        LOG.log(Level.FINE, "WebSocket error on /echo", error);
    }
}
