package io.github.wsbridge.testing;

import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ConnectHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A real HTTP CONNECT proxy on 127.0.0.1 and an ephemeral port: Jetty's {@link ConnectHandler}, which tunnels bytes
 * both ways once it answered {@code 200} to {@code CONNECT host:port}. With credentials it requires
 * {@code Proxy-Authorization: Basic} and answers {@code 407} otherwise. Every CONNECT target is recorded, with whether
 * it was let through.
 */
public final class ConnectProxy implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;
    private final BlockingQueue<String> connects = new LinkedBlockingQueue<>();

    private ConnectProxy(String user, String password) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("ConnectProxy");
        threads.setDaemon(true);
        server = new Server(threads);
        server.setStopTimeout(0);
        // Tyrus sends "CONNECT host:port" with "Host: host" (no port); proxies in the field (Squid, Jetty's own proxy
        // servlet) accept that, and so does this one: Jetty's HTTP parser would otherwise answer 400.
        org.eclipse.jetty.server.HttpConfiguration http = new org.eclipse.jetty.server.HttpConfiguration();
        http.setHttpCompliance(org.eclipse.jetty.http.HttpCompliance.RFC9110
                .with("wsbridge-proxy", org.eclipse.jetty.http.HttpCompliance.Violation.MISMATCHED_AUTHORITY));
        connector = new ServerConnector(server, new org.eclipse.jetty.server.HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        String expected = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        server.setHandler(new ConnectHandler() {
            @Override
            protected boolean handleAuthentication(Request request, Response response, String address) {
                boolean allowed = expected == null || expected.equals(request.getHeaders().get(HttpHeader.PROXY_AUTHORIZATION));
                connects.add((allowed ? "CONNECT " : "REFUSED ") + address);
                return allowed;
            }
        });
        server.start();
    }

    /** A proxy that lets every CONNECT through. */
    public static ConnectProxy open() throws Exception {
        return new ConnectProxy(null, null);
    }

    /** A proxy that requires these Basic credentials. */
    public static ConnectProxy withCredentials(String user, String password) throws Exception {
        return new ConnectProxy(user, password);
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + connector.getLocalPort();
    }

    /** {@code http://user:password@127.0.0.1:PORT}. */
    public String url(String user, String password) {
        return "http://" + user + ":" + password + "@127.0.0.1:" + connector.getLocalPort();
    }

    /** The CONNECT requests seen so far, each {@code "CONNECT host:port"} or {@code "REFUSED host:port"}. */
    public BlockingQueue<String> connects() {
        return connects;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
