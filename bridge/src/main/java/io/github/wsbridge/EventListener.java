package io.github.wsbridge;

/**
 * The DOM's {@code EventListener} callback interface (DOM Standard §2.7 "Interface EventTarget"), as a functional interface.
 *
 * <p>Listeners of a {@link WebSocket} run on its task queue, one event at a time and in order: on the executor given
 * to {@link WebSocketInit.Builder#executor}, or else on the bridge's threads and, for a message that finds the queue
 * idle, on the container's thread that delivered it (see {@link WebSocket}, "Threading"). A listener may block (that
 * socket's later events wait, and without an executor a container thread waits too) and may throw: the exception is
 * reported (see {@link WebSocketInit.Builder#reportError(java.util.function.Consumer)}) and the other listeners still
 * run.
 *
 * @param <E> the event type the listener receives
 */
@FunctionalInterface
public interface EventListener<E extends Event> {

    /** Called with the event being dispatched. */
    void handleEvent(E event);
}
