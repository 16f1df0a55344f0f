package io.github.wsbridge.arquillian.app;

import io.github.wsbridge.WebSocketGroup;
import io.github.wsbridge.WebSocketInit;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;

/**
 * The application's defaults for sockets, as a CDI bean: the recipe that docs/containers.md recommends for Jakarta EE
 * applications, tested here on every server. Inject it and start every socket from {@link #init()}:
 *
 * <pre>{@code
 * @Inject WebSockets sockets;
 * WebSocket ws = new WebSocket(url, sockets.init().onmessage(e -> ...).build());
 * }</pre>
 *
 * <ul>
 * <li>events are dispatched on the server's default {@link ManagedExecutorService}, so listeners run with the
 *     application's class loader, naming context ({@code java:comp}) and CDI, on threads the server manages;</li>
 * <li>every socket joins one {@link WebSocketGroup}, closed when the application stops: the peers of open sockets see
 *     Close 1001 (Going Away), connecting ones are failed, and no socket outlives its application.</li>
 * </ul>
 */
@ApplicationScoped
public class WebSockets {

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Resource(lookup = "java:comp/DefaultContextService")
    ContextService contextService;

    private final WebSocketGroup group = new WebSocketGroup();

    /**
     * A new builder with this application's defaults; add listeners and options, then {@code build()}.
     *
     * <p>Listeners run with the context of the thread that calls this method (naming, class loader, security), on the
     * managed executor. A {@code ManagedExecutorService} alone would not do: it takes the context of the thread that
     * submits each task, and the bridge submits events from the container's I/O threads, which have none (WildFly's
     * then has no {@code java:comp}). So the context is captured here, once, by a contextual proxy that runs each task.
     */
    public WebSocketInit.Builder init() {
        Executor inContext = contextService.createContextualProxy(new Direct(), Executor.class);
        return WebSocketInit.builder()
                .executor(task -> executor.execute(() -> inContext.execute(task)))
                .group(group);
    }

    /** Runs a task on the calling thread: inside the contextual proxy, on a managed thread. */
    private static final class Direct implements Executor {
        @Override
        public void execute(Runnable task) {
            task.run();
        }
    }

    /** The sockets of this application whose connection is not yet closed. */
    public int open() {
        return group.size();
    }

    /** When the application stops: every socket disappears (1001), as a page's do when it is unloaded. */
    @PreDestroy
    void stop() {
        group.close();
    }

    /** The group itself, for code that wants to close every socket of the application earlier. */
    public WebSocketGroup group() {
        return group;
    }
}
