package io.github.wsbridge.example.server;

import java.net.URI;

/**
 * The example application as the integration tests reach it: on the Payara Micro they start ({@link PayaraMicro}), or
 * already running on another server ({@link #at(URI)}, for example WildFly).
 */
public interface DeployedApp {

    /** The page, {@code http://HOST:PORT/wsbridge-example/}; every other URL is relative to it. */
    URI pageUri();

    /** The WebSocket URL of {@code path} (for example {@code "chat?name=x"}), relative to the page. */
    default URI wsUri(String path) {
        URI http = pageUri().resolve(path);
        return URI.create((http.getScheme().equals("https") ? "wss" : "ws") + http.toString().substring(
                http.getScheme().length()));
    }

    /** A deployment some other process runs, at this page URL. */
    static DeployedApp at(URI page) {
        URI normalized = page.getPath().endsWith("/") ? page : URI.create(page + "/");
        return () -> normalized;
    }
}
