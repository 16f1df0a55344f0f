package io.github.wsbridge;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sockets that end together, such as all the sockets of one web application: the Java counterpart of the WHATWG
 * WebSockets Standard's "make disappear" (§"Garbage collection"; HTML runs it for every socket of a document that is
 * unloaded). Java-only, off the standard names.
 *
 * <p>A socket joins the group given to {@link WebSocketInit.Builder#group(WebSocketGroup)} when it is constructed and
 * leaves it when its connection is closed. {@link #close()} makes every member disappear, as a browser does when a page
 * goes away:
 * <ul>
 * <li>if the connection is not yet established, it is failed: {@code error}, then {@code close} 1006;</li>
 * <li>if it is open and the closing handshake has not started, the closing handshake starts with status code 1001
 *     (Going Away), after the messages already sent; the peer sees 1001, and the socket's {@code close} event follows
 *     as usual;</li>
 * <li>otherwise nothing changes.</li>
 * </ul>
 * Once closed, the group refuses new sockets: {@code new WebSocket(url, init)} with it throws
 * {@link IllegalStateException}. That is the moment to stop creating sockets, for example because the application is
 * being undeployed.
 *
 * <pre>{@code
 * WebSocketGroup group = new WebSocketGroup();          // e.g. one per application, closed in @PreDestroy
 * WebSocket ws = new WebSocket(url, WebSocketInit.builder().group(group).build());
 * ...
 * group.close();                                        // the peer of every open socket sees Close(1001)
 * }</pre>
 *
 * <p>Thread-safe; {@link #close()} never blocks on the network.
 */
public final class WebSocketGroup implements AutoCloseable {

    private final Set<WebSocket> members = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** An open, empty group. */
    public WebSocketGroup() {
    }

    /** The number of member sockets whose connection is not yet closed. */
    public int size() {
        return members.size();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Makes every member socket disappear (see the class description) and refuses new members. Calling it again does
     * nothing more. Returns at once; the sockets' events follow on their own executors.
     */
    @Override
    public void close() {
        List<WebSocket> leaving;
        synchronized (this) {
            closed = true;
            leaving = new ArrayList<>(members);
        }
        for (WebSocket ws : leaving) {
            ws.makeDisappear();
        }
    }

    /** Called by the constructor of {@code ws}. */
    void join(WebSocket ws) {
        Objects.requireNonNull(ws);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("This WebSocketGroup was closed (the application is stopping?): create"
                        + " no more sockets with it, or use a new group");
            }
            members.add(ws);
        }
    }

    /** Called once the connection of {@code ws} is closed. */
    void leave(WebSocket ws) {
        members.remove(ws);
    }
}
