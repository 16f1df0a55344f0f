package io.github.wsbridge.example.bot;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where the bot connects by default, in this order:
 *
 * <ol>
 *   <li>the system property {@value #PROPERTY};</li>
 *   <li>the environment variable {@value #ENV};</li>
 *   <li>the context parameter {@value #PROPERTY} (a {@code <context-param>} in {@code web.xml}, or the server's
 *       deployment-time override of it);</li>
 *   <li>none of these: the application's own chat, {@code ws://ADDRESS:PORT/CONTEXT/chat?name=bot}, from the local
 *       address, port and context path of the first HTTP request the application receives. That is the address the
 *       server itself listens on, so it is right behind a proxy too, and it needs no server-specific API.</li>
 * </ol>
 *
 * The page can point the bot elsewhere at run time ({@link ChatBot#retarget}); that is not kept across restarts.
 */
public final class BotUpstream {

    /** System property and context parameter naming the upstream WebSocket URL. */
    public static final String PROPERTY = "wsbridge.example.upstream";
    /** Environment variable naming the upstream WebSocket URL. */
    public static final String ENV = "WSBRIDGE_EXAMPLE_UPSTREAM";

    private BotUpstream() {
    }

    /**
     * The configured URL, if any.
     *
     * @param systemProperties looks up a system property (null if unset)
     * @param environment looks up an environment variable (null if unset)
     * @param contextParameters looks up a context parameter (null if unset)
     * @throws IllegalArgumentException if the first one set is not a WebSocket URL
     */
    public static Optional<String> configured(UnaryOperator<String> systemProperties, UnaryOperator<String> environment,
            UnaryOperator<String> contextParameters) {
        for (String value : new String[] {systemProperties.apply(PROPERTY), environment.apply(ENV),
            contextParameters.apply(PROPERTY)}) {
            if (value != null && !value.isBlank()) {
                return Optional.of(check(value.strip()));
            }
        }
        return Optional.empty();
    }

    /**
     * The application's own chat as seen from the server.
     *
     * @param secure whether the request came over TLS
     * @param localAddress the IP address the request arrived at (IPv6 without brackets)
     * @param localPort the port it arrived at
     * @param contextPath the application's context path ({@code ""} for the root)
     */
    public static String selfUrl(boolean secure, String localAddress, int localPort, String contextPath) {
        String host = localAddress.indexOf(':') >= 0 ? "[" + localAddress.replaceFirst("%.*$", "") + "]" : localAddress;
        return (secure ? "wss" : "ws") + "://" + host + ":" + localPort + contextPath + "/chat?name=" + ChatBot.NAME;
    }

    /**
     * Checks that {@code url} is an absolute ws, wss, http or https URL with a host and no fragment, the URLs the
     * {@code WebSocket} constructor accepts.
     *
     * @return the URL
     * @throws IllegalArgumentException with a message for the user otherwise
     */
    public static String check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss") && !scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("not a WebSocket URL: '" + url + "' needs ws://, wss://, http:// or https://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the URL '" + url + "' has no host");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a WebSocket URL cannot have a fragment: '" + url + "'");
        }
        return url;
    }
}
