package io.github.wsbridge;

/**
 * The DOM's {@code EventListener} callback interface (DOM Standard §2.7 "Interface EventTarget"), as a functional interface.
 *
 * <p>Listeners of a {@link WebSocket} run on its event executor, one event at a time and in order, never on a container
 * I/O thread. A listener may block (only that socket's later events wait) and may throw: the exception is reported (see
 * {@link WebSocketInit.Builder#reportError(java.util.function.Consumer)}) and the other listeners still run.
 *
 * @param <E> the event type the listener receives
 */
@FunctionalInterface
public interface EventListener<E extends Event> {

    /** Called with the event being dispatched. */
    void handleEvent(E event);
}
