package io.github.wsbridge.internal;

import io.github.wsbridge.DOMException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * The URL of a WebSocket: WHATWG WebSockets Standard §"The WebSocket interface", steps 1-7 of the
 * {@code new WebSocket(url, protocols)} constructor steps, over the URL Standard's basic URL parser
 * ({@link BasicUrlParser}; hosts in {@link HostParser}).
 *
 * <ol>
 *   <li>Let baseURL be this's relevant settings object's API base URL. <i>A Java program has no settings object:
 *       the base is an optional absolute URL given by the caller (checklist [Amb-1]); without one, a relative URL
 *       is a SyntaxError.</i></li>
 *   <li>Let urlRecord be the result of applying the URL parser to url with baseURL.</li>
 *   <li>If urlRecord is failure, then throw a "SyntaxError" DOMException.</li>
 *   <li>If urlRecord's scheme is "http", then set urlRecord's scheme to "ws".</li>
 *   <li>Otherwise, if urlRecord's scheme is "https", set urlRecord's scheme to "wss".</li>
 *   <li>If urlRecord's scheme is not "ws" or "wss", then throw a "SyntaxError" DOMException.</li>
 *   <li>If urlRecord's fragment is non-null, then throw a "SyntaxError" DOMException.</li>
 * </ol>
 *
 * <p>The URL argument is a WebIDL USVString, so unpaired surrogates become U+FFFD before parsing. The query is
 * always percent-encoded as UTF-8 (there is no document encoding, and ws/wss URLs ignore it anyway). Where the
 * JDK's IDNA (IDNA2003 in {@link java.net.IDN}) differs from the UTS #46 processing the URL Standard asks for, see
 * {@link HostParser}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class WebSocketUrl {

    private final String href;
    private final String scheme;
    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final String path;
    private final String query;

    private WebSocketUrl(UrlRecord url) {
        this.href = url.serialize(false);
        this.scheme = url.scheme;
        this.host = url.host;
        this.port = url.port;
        this.username = url.username;
        this.password = url.password;
        this.path = url.serializePath();
        this.query = url.query;
    }

    /**
     * Steps 1-7 of the WebSocket constructor: parses {@code input} against {@code base} (may be null) and returns
     * the ws: or wss: URL.
     *
     * @param input the URL given to the constructor; absolute, or relative to {@code base}
     * @param base  the base URL for relative input (any absolute URL the URL parser accepts, typically http(s),
     *              ws or wss), or null for none
     * @throws NullPointerException if {@code input} is null (message "url")
     * @throws DOMException         a "SyntaxError" if the base or the input does not parse, if the input is relative
     *                              and there is no base, if the scheme is not ws, wss, http or https, or if there is
     *                              a fragment (even an empty one)
     */
    public static WebSocketUrl parse(String input, String base) {
        Objects.requireNonNull(input, "url");
        // 1. Let baseURL be the API base URL: here the caller's base, parsed with no base of its own.
        UrlRecord baseUrl = null;
        if (base != null) {
            try {
                baseUrl = BasicUrlParser.parse(base, null);
            } catch (BasicUrlParser.Failure failure) {
                throw DOMException.syntaxError("Failed to construct 'WebSocket': the base URL " + quote(base)
                        + " is invalid: " + failure.getMessage() + ".");
            }
        }
        // 2. Let urlRecord be the result of applying the URL parser to url with baseURL. (The URL parser adds a
        //    blob URL entry to blob: URLs only; those are rejected by step 6 anyway.)
        UrlRecord urlRecord;
        try {
            urlRecord = BasicUrlParser.parse(input, baseUrl);
        } catch (BasicUrlParser.Failure failure) {
            // 3. If urlRecord is failure, then throw a "SyntaxError" DOMException.
            throw DOMException.syntaxError("Failed to construct 'WebSocket': the URL " + quote(input)
                    + " is invalid: " + failure.getMessage() + ".");
        }
        // 4. If urlRecord's scheme is "http", then set urlRecord's scheme to "ws".
        // 5. Otherwise, if urlRecord's scheme is "https", set urlRecord's scheme to "wss".
        //    (The port stays as parsed: the default ports of http and ws are both 80, of https and wss both 443.)
        if (urlRecord.scheme.equals("http")) {
            urlRecord.scheme = "ws";
        } else if (urlRecord.scheme.equals("https")) {
            urlRecord.scheme = "wss";
        }
        // 6. If urlRecord's scheme is not "ws" or "wss", then throw a "SyntaxError" DOMException.
        if (!urlRecord.scheme.equals("ws") && !urlRecord.scheme.equals("wss")) {
            throw DOMException.syntaxError("Failed to construct 'WebSocket': the URL " + quote(input)
                    + " has the scheme '" + urlRecord.scheme
                    + "', but only 'ws', 'wss', 'http' and 'https' are allowed.");
        }
        // 7. If urlRecord's fragment is non-null, then throw a "SyntaxError" DOMException.
        if (urlRecord.fragment != null) {
            throw DOMException.syntaxError("Failed to construct 'WebSocket': the URL " + quote(input)
                    + " contains a fragment ('#" + urlRecord.fragment + "'); WebSocket URLs cannot have one"
                    + (urlRecord.fragment.length() == 0 ? ", not even an empty one." : "."));
        }
        return new WebSocketUrl(urlRecord);
    }

    /** The URL serializer's output (after the http-to-ws mapping): what {@code WebSocket.url} returns. */
    public String href() {
        return href;
    }

    /** {@code "ws"} or {@code "wss"}. */
    public String scheme() {
        return scheme;
    }

    /** True for {@code wss}: the connection uses TLS. */
    public boolean secure() {
        return scheme.equals("wss");
    }

    /**
     * The serialized host: an ASCII domain (lowercase, IDNs in Punycode), a dotted-decimal IPv4 address, or a
     * bracketed, compressed IPv6 address such as {@code "[::1]"}.
     */
    public String host() {
        return host;
    }

    /** The port, or -1 when the URL has none, which includes the default port (80 for ws, 443 for wss). */
    public int port() {
        return port;
    }

    /** {@link #port()}, or the scheme's default port (80 for ws, 443 for wss) when that is -1. */
    public int effectivePort() {
        return port != -1 ? port : secure() ? 443 : 80;
    }

    /**
     * The ASCII serialization of the URL's origin, a tuple origin (scheme, host, port): {@code "ws://host"} or
     * {@code "wss://host:port"}, with no default port and no trailing slash. This is {@code MessageEvent.origin}.
     */
    public String origin() {
        return scheme + "://" + host + (port != -1 ? ":" + port : "");
    }

    /** The username, percent-encoded with the userinfo percent-encode set; "" if none. */
    public String username() {
        return username;
    }

    /** The password, percent-encoded with the userinfo percent-encode set; "" if none. */
    public String password() {
        return password;
    }

    /**
     * The serialized path followed by {@code "?"} and the query when the URL has a query (even an empty one), as
     * in {@link #href()}; for example {@code "/a/b?x=1"}. The path is never empty: it is at least {@code "/"}.
     */
    public String pathAndQuery() {
        return query != null ? path + "?" + query : path;
    }

    /**
     * A {@link URI} for handing to {@code WebSocketContainer.connectToServer}: {@code new URI(href())}, which
     * re-encodes nothing, so {@code toURI().toString().equals(href())}.
     *
     * <p>{@link #href()} is ASCII, but the URL Standard leaves a few ASCII characters unencoded that
     * {@link URI} refuses: {@code [ ] |} in the path; {@code [ \ ] ^ ` { | }} in the query; a {@code %} not
     * followed by two hex digits anywhere; and {@code " ` { }} in a domain. Only for such a URL, each of those
     * characters is percent-encoded (outside an IPv6 host), so the URI differs from {@code href()} there.
     * (Also note that {@link URI#getHost()} is null for domains that are not RFC 2396 host names, such as
     * {@code a_b}; the raw authority is still there.)
     */
    public URI toURI() {
        try {
            return new URI(href);
        } catch (URISyntaxException notRfc2396) {
            StringBuilder s = new StringBuilder(href.length() + 16).append(scheme).append("://");
            if (!username.isEmpty() || !password.isEmpty()) {
                s.append(escapeForUri(username));
                if (!password.isEmpty()) {
                    s.append(':').append(escapeForUri(password));
                }
                s.append('@');
            }
            s.append(host.startsWith("[") ? host : escapeForUri(host));
            if (port != -1) {
                s.append(':').append(port);
            }
            s.append(escapeForUri(pathAndQuery()));
            try {
                return new URI(s.toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("Cannot represent " + href + " as a java.net.URI", e);
            }
        }
    }

    /** Percent-encodes the ASCII characters java.net.URI rejects, and a "%" that is not "%XX". */
    private static String escapeForUri(String component) {
        StringBuilder out = new StringBuilder(component.length() + 8);
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            boolean escapeSequence = c == '%' && i + 2 < component.length()
                    && PercentEncoding.isAsciiHexDigit(component.charAt(i + 1))
                    && PercentEncoding.isAsciiHexDigit(component.charAt(i + 2));
            boolean escape = "\"<>[\\]^`{|}".indexOf(c) >= 0 || c <= 0x20 || c >= 0x7F || (c == '%' && !escapeSequence);
            if (escape) {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4 & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@link #href()}. */
    @Override
    public String toString() {
        return href;
    }

    /** The input in single quotes, with control characters and unpaired surrogates shown as \\uXXXX. */
    private static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean paired = Character.isHighSurrogate(c)
                    ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                    : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
            if (c < 0x20 || c == 0x7F || (Character.isSurrogate(c) && !paired)) {
                out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }
}
