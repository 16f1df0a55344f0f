package io.github.wsbridge.internal;

import jakarta.websocket.Session;
import java.util.concurrent.Executor;

/**
 * What the bridge does differently on Undertow's client (Undertow 2.3, the client inside WildFly), in one place, by
 * class name and reflection so that the bridge needs no Undertow classes. The URI Undertow is given is in
 * {@link GenericProvider}; the TLS 1.2 limit is applied by {@link VerifyingSslContext}; docs/containers.md has the
 * measurements. Stateless.
 */
final class Undertow {

    private Undertow() {
    }

    /** Whether {@code o} (a container or a session) is Undertow's. */
    static boolean is(Object o) {
        return o != null && o.getClass().getName().startsWith("io.undertow.");
    }

    /**
     * The executor on which the container runs this session's message handlers, when it is not the one that calls
     * {@code onClose}; else null. Undertow runs message handlers on an ordered executor over its worker threads
     * ({@code FrameHandler}, {@code UndertowSession.getExecutor()}), but calls {@code onClose} from the channel's close
     * task on the I/O thread ({@code UndertowSession.setupWebSocketChannel}): so onClose overtakes a message that was read
     * just before the Close frame or the end of the stream (measured: 68 times in 200 for a message then a Close).
     * Queueing the close behind those messages on that executor keeps the order of the wire. The method is public on
     * Undertow's session class; reflection keeps the bridge free of Undertow classes.
     */
    static Executor messageExecutor(Session s) {
        if (!is(s)) {
            return null;
        }
        try {
            Object executor = s.getClass().getMethod("getExecutor").invoke(s);
            return executor instanceof Executor ? (Executor) executor : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
