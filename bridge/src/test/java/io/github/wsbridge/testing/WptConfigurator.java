package io.github.wsbridge.testing;

import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Jakarta side of a {@link WptRoute}: selects the subprotocol and extensions, records the handshake request for
 * the endpoint ({@link Handshake}), and creates the endpoint. Refusals (404, 400, 401) and delays happen earlier, in
 * {@link HandshakeGate}, because a Jakarta configurator cannot change the HTTP status.
 */
final class WptConfigurator extends ServerEndpointConfig.Configurator {

    /** The user-property key under which {@link #modifyHandshake} leaves the {@link Handshake}. */
    static final String HANDSHAKE = Handshake.class.getName();

    /**
     * What the client sent in its handshake request, as the endpoint sees it.
     *
     * @param headers the request headers as Jetty reports them, in order, one list entry per value
     * @param query   the raw query string (still percent-encoded), or null when there was none
     */
    record Handshake(Map<String, List<String>> headers, String query) {

        /** The first value of header {@code name} (case-insensitive), or {@code absent}. */
        String header(String name, String absent) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return absent;
        }
    }

    private final WptRoute route;

    WptConfigurator(WptRoute route) {
        this.route = route;
    }

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        return Objects.requireNonNullElse(route.subprotocols().select(requested), "");
    }

    /**
     * The first offer of each installed extension, in the client's order; none for routes without extensions. Done
     * here rather than by {@code super}, whose default delegates to the first {@code Configurator} service on the class
     * path: in the bridge's test runs that is Tomcat's or Tyrus's, not Jetty's. (This class overrides every
     * {@code Configurator} method for the same reason.)
     */
    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        if (!route.extensions()) {
            return List.of();
        }
        Set<String> available = new HashSet<>();
        installed.forEach(e -> available.add(e.getName()));
        Set<String> taken = new HashSet<>();
        List<Extension> result = new ArrayList<>();
        for (Extension e : requested) {
            if (available.contains(e.getName()) && taken.add(e.getName())) {
                result.add(e);
            }
        }
        return result;
    }

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return true;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.getHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        sec.getUserProperties().put(HANDSHAKE, new Handshake(headers, request.getQueryString()));
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return endpointClass.cast(route.factory().get());
    }
}
