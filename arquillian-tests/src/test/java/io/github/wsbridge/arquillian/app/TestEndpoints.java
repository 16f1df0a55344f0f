package io.github.wsbridge.arquillian.app;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;

/** The server side of the in-container tests, deployed in the same WAR as the bridge that talks to it. */
public final class TestEndpoints {

    private TestEndpoints() {
    }

    /**
     * {@code /echo}: sends text and binary messages back, except the text {@code close:CODE:REASON}, after which the
     * server closes with that code and reason.
     */
    @ServerEndpoint("/echo")
    public static class Echo {

        @OnMessage
        public String text(String text, Session session) throws IOException {
            if (text.startsWith("close:")) {
                String[] parts = text.split(":", 3);
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(Integer.parseInt(parts[1])),
                        parts[2]));
                return null;
            }
            return text;
        }

        @OnMessage
        public ByteBuffer binary(ByteBuffer data) {
            return data;
        }
    }

    /** {@code /protocols}: offers the subprotocols {@code chat} and {@code superchat}; greets with the one chosen. */
    @ServerEndpoint(value = "/protocols", subprotocols = {"chat", "superchat"})
    public static class Protocols {

        @OnOpen
        public void open(Session session) throws IOException {
            session.getBasicRemote().sendText("chosen:" + session.getNegotiatedSubprotocol());
        }
    }
}
