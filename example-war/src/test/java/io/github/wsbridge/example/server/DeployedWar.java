package io.github.wsbridge.example.server;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension that gives tests a {@link PayaraMicro} running the built WAR: one server for the whole test run,
 * started on first use on an ephemeral port of 127.0.0.1 and stopped when the run ends (JUnit closes it with the root
 * store). Declare a {@code PayaraMicro} parameter in a {@code @BeforeAll} or test method.
 *
 * <p>The paths come from system properties set by Failsafe ({@code example.war}, {@code payara.micro.jar},
 * {@code payara.preboot}), with defaults relative to the module directory for runs from an IDE. Payara's output goes to
 * {@code target/payara-it.log}; a failed start fails every test that needs the server with the log's last lines.
 */
public final class DeployedWar implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DeployedWar.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /** The server, or why it could not start; closed by JUnit at the end of the run. */
    private static final class Started implements AutoCloseable {
        final PayaraMicro server;
        final RuntimeException failure;

        Started(PayaraMicro server, RuntimeException failure) {
            this.server = server;
            this.failure = failure;
        }

        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PayaraMicro.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Started started = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Started.class, key -> start(), Started.class);
        if (started.failure != null) {
            throw started.failure;
        }
        return started.server;
    }

    private static Started start() {
        Path target = Path.of("target");
        try {
            PayaraMicro server = PayaraMicro.start(
                    path("payara.micro.jar", target.resolve("payara-micro.jar")),
                    path("example.war", target.resolve("wsbridge-example.war")),
                    path("payara.preboot", Path.of("src", "payara", "preboot.txt")),
                    PayaraMicro.freePort(), target.resolve("payara-it.log"), START_TIMEOUT);
            System.out.printf("Payara Micro serves %s (ready after %d ms, log %s)%n", server.pageUri(),
                    server.startupMillis(), server.log());
            return new Started(server, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Started(null, new IllegalStateException("interrupted while starting Payara Micro", e));
        } catch (Exception e) {
            return new Started(null, e instanceof RuntimeException r ? r : new IllegalStateException(e));
        }
    }

    private static Path path(String property, Path fallback) {
        String value = System.getProperty(property);
        return value == null ? fallback : Path.of(value);
    }
}
