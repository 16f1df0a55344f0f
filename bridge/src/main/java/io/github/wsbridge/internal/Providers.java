package io.github.wsbridge.internal;

import io.github.wsbridge.spi.WebSocketProvider;
import jakarta.websocket.WebSocketContainer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.StringJoiner;

/**
 * Picks the {@link WebSocketProvider} of a socket, by the rules in that interface's documentation: a named one, else one
 * that accepts the given container, else the most capable one found by {@link ServiceLoader}, else the generic provider.
 *
 * <p>Concurrency: the providers are loaded once, under the class lock, and the list is immutable afterwards.
 */
public final class Providers {

    /** The name of the built-in provider. */
    public static final String GENERIC = "generic";

    private static final System.Logger LOG = System.getLogger(Providers.class.getName());

    private static List<WebSocketProvider> installed; // guarded by Providers.class; most capable first

    private Providers() {
    }

    /**
     * The provider for one socket.
     *
     * @param name the provider {@code WebSocketInit.provider} names, or null
     * @param container the container {@code WebSocketInit.container} gives, or null
     * @throws IllegalArgumentException if no provider has that name, or the named one cannot drive that container
     */
    public static WebSocketProvider select(String name, WebSocketContainer container) {
        if (name != null) {
            WebSocketProvider named = byName(name);
            if (container == null) {
                return named != null ? named : new GenericProvider(DefaultContainer.get());
            }
            WebSocketProvider bound = named != null ? named.withContainer(container) : new GenericProvider(container);
            if (bound == null) {
                throw new IllegalArgumentException("The provider '" + name + "' cannot drive the container "
                        + container.getClass().getName() + "; leave WebSocketInit.provider(...) out, or name \""
                        + GENERIC + "\"");
            }
            return bound;
        }
        if (container != null) {
            for (WebSocketProvider p : installed()) {
                WebSocketProvider bound = p.withContainer(container);
                if (bound != null) {
                    return bound;
                }
            }
            return new GenericProvider(container);
        }
        List<WebSocketProvider> found = installed();
        return found.isEmpty() ? new GenericProvider(DefaultContainer.get()) : found.get(0);
    }

    private static WebSocketProvider byName(String name) {
        if (name.equals(GENERIC)) {
            return null;
        }
        StringJoiner present = new StringJoiner(", ", "", "");
        for (WebSocketProvider p : installed()) {
            if (p.name().equals(name)) {
                return p;
            }
            present.add(p.name());
        }
        present.add(GENERIC);
        throw new IllegalArgumentException("No WebSocket provider named '" + name + "' is on the class path; present: "
                + present + " (wsbridge-tyrus provides \"tyrus\")");
    }

    /** The providers found with {@link ServiceLoader}, most capable first. */
    public static synchronized List<WebSocketProvider> installed() {
        if (installed == null) {
            List<WebSocketProvider> found = new ArrayList<>();
            Iterator<WebSocketProvider> it = ServiceLoader.load(WebSocketProvider.class,
                    WebSocketProvider.class.getClassLoader()).iterator();
            while (true) {
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    found.add(it.next());
                } catch (ServiceConfigurationError | LinkageError e) {
                    LOG.log(System.Logger.Level.WARNING, "A WebSocket provider on the class path could not be loaded;"
                            + " it is skipped", e);
                }
            }
            found.sort(Comparator.comparingInt((WebSocketProvider p) -> -p.capabilities().size())
                    .thenComparing(WebSocketProvider::name));
            installed = List.copyOf(found);
        }
        return installed;
    }
}
