package io.github.wsbridge.example.server;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension that gives tests a {@link DeployedApp}: a {@link PayaraMicro} running the built WAR, one for the whole
 * test run, started on first use on an ephemeral port of 127.0.0.1 and stopped when the run ends (JUnit closes it with
 * the root store). Declare a {@code DeployedApp} parameter in a {@code @BeforeAll} or test method.
 *
 * <p>With the system property {@value #URL_PROPERTY} (for example
 * {@code -Dexample.url=http://127.0.0.1:8080/wsbridge-example/}) the tests use that running deployment instead, such as
 * the same WAR on WildFly, and start nothing.
 *
 * <p>The paths come from system properties set by Failsafe ({@code example.war}, {@code payara.micro.jar},
 * {@code payara.preboot}), with defaults relative to the module directory for runs from an IDE. Payara's output goes to
 * {@code target/payara-it.log}; a failed start fails every test that needs the server with the log's last lines.
 */
public final class DeployedWar implements ParameterResolver {

    /** The system property naming a running deployment to test instead of starting Payara Micro. */
    public static final String URL_PROPERTY = "example.url";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DeployedWar.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /** The server, or why it could not start; closed by JUnit at the end of the run. */
    private static final class Started implements AutoCloseable {
        final DeployedApp server;
        final RuntimeException failure;

        Started(DeployedApp server, RuntimeException failure) {
            this.server = server;
            this.failure = failure;
        }

        @Override
        public void close() {
            if (server instanceof PayaraMicro payara) {
                payara.close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == DeployedApp.class;
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
        String url = System.getProperty(URL_PROPERTY);
        if (url != null && !url.isBlank()) {
            DeployedApp app = DeployedApp.at(URI.create(url.strip()));
            System.out.println("Testing the running deployment at " + app.pageUri());
            return new Started(app, null);
        }
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
