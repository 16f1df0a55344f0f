package io.github.wsbridge.example.chat;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One member of the {@link ChatRoom}: a name and the WebSocket session, with an outbox that sends the room's messages to
 * that session one at a time.
 *
 * <p><b>Concurrency.</b> Many threads broadcast at once (each member's {@code @OnMessage} runs on a container thread),
 * and Jakarta WebSocket does not promise that a session accepts a second async send before the first completed. So
 * {@link #send} only queues; the queue is drained by the completion handler of the previous send. {@code lock} guards
 * {@code queue}, {@code sending} and {@code closed}; the container is never called while holding it. A member that lets
 * more than {@value #MAX_QUEUED} messages pile up is too slow to keep up and is closed with 1008.
 */
public final class ChatMember {

    static final int MAX_QUEUED = 256;

    private static final Logger LOG = Logger.getLogger(ChatMember.class.getName());

    private final String name;
    private final Session session;

    private final Object lock = new Object();
    private final Queue<String> queue = new ArrayDeque<>();
    private boolean sending;
    private boolean closed;

    ChatMember(String name, Session session) {
        this.name = name;
        this.session = session;
    }

    String name() {
        return name;
    }

    /** Queues one text message for this member; never blocks. */
    void send(String text) {
        boolean overflow = false;
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (sending) {
                if (queue.size() < MAX_QUEUED) {
                    queue.add(text);
                    return;
                }
                overflow = true;
            } else {
                sending = true;
            }
        }
        if (overflow) {
            close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "too slow: more than " + MAX_QUEUED
                    + " messages waiting"));
        } else {
            transmit(text);
        }
    }

    private void transmit(String text) {
        try {
            session.getAsyncRemote().sendText(text, this::sent);
        } catch (RuntimeException e) {      // the session closed under us
            stop();
        }
    }

    private void sent(SendResult result) {
        if (!result.isOK()) {
            stop();
            return;
        }
        String next;
        synchronized (lock) {
            next = queue.poll();
            if (next == null) {
                sending = false;
            }
        }
        if (next != null) {
            transmit(next);
        }
    }

    private void stop() {
        synchronized (lock) {
            closed = true;
            queue.clear();
        }
    }

    /** Closes the session (the container then calls {@code @OnClose}, which leaves the room). */
    void close(CloseReason reason) {
        stop();
        close(session, reason);
    }

    static void close(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException e) {
            LOG.log(Level.FINE, "Closing a chat session failed", e);
        }
    }
}
