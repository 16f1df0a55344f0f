package io.github.wsbridge;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * An event target's event listener list and the DOM's dispatch algorithm for a target without ancestors (DOM Standard
 * §2.7 "add an event listener", "remove an event listener", §2.9 "dispatch" and "inner invoke"), plus the HTML Standard's
 * event handler attributes (§8.1.8.1 "event handlers": activate and deactivate).
 *
 * <p>Concurrency: listeners may be added and removed from any thread. Each type's listeners live in an immutable array
 * that is replaced (copy-on-write, under {@code this}) on every change, so a dispatch works on the array as it was when
 * the dispatch began: listeners added during a dispatch do not run for that event, and listeners removed during it are
 * skipped because their {@code removed} flag is set.
 */
final class EventListenerList {

    /** DOM "event listener": type, callback, capture, passive, once, removed. */
    private static final class Entry {
        final String type;
        final EventListener<Event> callback;
        final boolean capture;
        final boolean once;
        volatile boolean removed;

        Entry(String type, EventListener<Event> callback, boolean capture, boolean once) {
            this.type = type;
            this.callback = callback;
            this.capture = capture;
            this.once = once;
        }
    }

    private static final Entry[] NONE = new Entry[0];

    private final ConcurrentHashMap<String, Entry[]> byType = new ConcurrentHashMap<>();
    private final Consumer<Throwable> reportException;

    EventListenerList(Consumer<Throwable> reportException) {
        this.reportException = reportException;
    }

    /** DOM "add an event listener" (steps 4-5): a duplicate (type, callback, capture) is ignored. */
    void add(String type, EventListener<Event> callback, boolean capture, boolean once) {
        Objects.requireNonNull(type, "type");
        if (callback == null) {
            return; // DOM step 2: a null callback is ignored
        }
        synchronized (this) {
            Entry[] current = byType.getOrDefault(type, NONE);
            for (Entry e : current) {
                if (e.callback.equals(callback) && e.capture == capture) {
                    return;
                }
            }
            Entry[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = new Entry(type, callback, capture, once);
            byType.put(type, next);
        }
    }

    /** DOM "remove an event listener": sets the removed flag and drops the entry. */
    void remove(String type, EventListener<Event> callback, boolean capture) {
        Objects.requireNonNull(type, "type");
        if (callback == null) {
            return;
        }
        synchronized (this) {
            Entry[] current = byType.getOrDefault(type, NONE);
            for (Entry e : current) {
                if (e.callback.equals(callback) && e.capture == capture) {
                    removeEntry(e);
                    return;
                }
            }
        }
    }

    /** Removes the entry if it is still registered; true if this call removed it. */
    private boolean removeEntry(Entry entry) {
        synchronized (this) {
            if (entry.removed) {
                return false;
            }
            entry.removed = true;
            Entry[] current = byType.getOrDefault(entry.type, NONE);
            int at = -1;
            for (int i = 0; i < current.length; i++) {
                if (current[i] == entry) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                return true;
            }
            if (current.length == 1) {
                byType.remove(entry.type);
                return true;
            }
            Entry[] next = new Entry[current.length - 1];
            System.arraycopy(current, 0, next, 0, at);
            System.arraycopy(current, at + 1, next, at, current.length - at - 1);
            byType.put(entry.type, next);
            return true;
        }
    }

    /** Whether any listener (including an event handler) is registered for the type. */
    boolean hasListeners(String type) {
        return byType.containsKey(type);
    }

    /**
     * DOM "dispatch" for a target with no parent, and "inner invoke" over a snapshot of the listeners.
     *
     * @return false if a listener canceled the (cancelable) event
     */
    boolean dispatch(Event event, EventTarget target) {
        if (event.dispatching()) {
            throw DOMException.invalidStateError("The event is already being dispatched");
        }
        event.beginDispatch(target);
        try {
            Entry[] listeners = byType.getOrDefault(event.type(), NONE);
            // At the target, capture listeners run before the others (DOM "dispatch" steps 5.13-5.14).
            if (invoke(listeners, event, true)) {
                invoke(listeners, event, false);
            }
        } finally {
            event.endDispatch();
        }
        return !event.defaultPrevented();
    }

    /** DOM "inner invoke" over the listeners of one phase; false if stopImmediatePropagation ended it. */
    private boolean invoke(Entry[] listeners, Event event, boolean capturePhase) {
        for (Entry listener : listeners) {
            if (listener.capture != capturePhase) {
                continue;
            }
            // inner invoke step 2.1: skip listeners removed since the snapshot was taken
            if (listener.removed) {
                continue;
            }
            // inner invoke step 2.6: a once listener is removed before it is invoked; only one dispatch can claim it
            if (listener.once && !removeEntry(listener)) {
                continue;
            }
            try {
                listener.callback.handleEvent(event);
            } catch (RuntimeException | StackOverflowError e) {
                // inner invoke step 2.10: report the exception, go on with the next listener
                reportException.accept(e);
            }
            // inner invoke step 2.11
            if (event.stopImmediatePropagationFlag()) {
                return false;
            }
        }
        return true;
    }

    /**
     * One of a target's event handler attributes ({@code onopen} and the like): HTML's "event handler" whose listener is
     * appended when the attribute is first set to non-null, keeps its place when the value changes, and is removed when
     * it is set to null.
     */
    final class Handler<E extends Event> {
        private final String type;
        private final Class<E> eventClass;
        private volatile EventListener<E> value;
        private EventListener<Event> activated; // guarded by EventListenerList.this

        Handler(String type, Class<E> eventClass) {
            this.type = type;
            this.eventClass = eventClass;
        }

        EventListener<E> get() {
            return value;
        }

        void set(EventListener<E> newValue) {
            synchronized (EventListenerList.this) {
                value = newValue;
                if (newValue == null) {
                    // deactivate an event handler
                    if (activated != null) {
                        remove(type, activated, false);
                        activated = null;
                    }
                } else if (activated == null) {
                    // activate an event handler: the listener calls whatever the attribute holds at dispatch time
                    EventListener<Event> listener = event -> {
                        EventListener<E> current = value;
                        if (current == null) {
                            return;
                        }
                        if (!eventClass.isInstance(event)) {
                            // Only dispatchEvent can get here: the socket itself fires the right class.
                            throw new IllegalArgumentException("The on" + type + " handler takes a "
                                    + eventClass.getSimpleName() + ", but dispatchEvent was given a "
                                    + event.getClass().getSimpleName());
                        }
                        current.handleEvent(eventClass.cast(event));
                    };
                    activated = listener;
                    add(type, listener, false, false);
                }
            }
        }
    }
}
