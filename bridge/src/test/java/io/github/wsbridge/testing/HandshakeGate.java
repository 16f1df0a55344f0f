package io.github.wsbridge.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A Jetty core handler in front of the Jakarta WebSocket context that reproduces pywebsocket's handshake refusals,
 * which a Jakarta {@code Configurator} cannot express (it cannot set an HTTP status):
 * <ul>
 * <li>a path with no handler: <b>404</b>;</li>
 * <li>{@code /basic_auth} without {@code Authorization: Basic Zm9vOmJhcg==}: <b>401</b> with
 *     {@code WWW-Authenticate: Basic realm="camelot"} ({@code basic_auth_wsh.py});</li>
 * <li>subprotocols requested but none (or an unrequested one) selected: <b>400</b> ({@code handshake/base.py});</li>
 * <li>a handshake delay (e.g. {@code handshake_sleep_2_wsh.py}) before the request goes on to the upgrade;</li>
 * <li>{@code Sec-WebSocket-Protocol: foobar} forced onto the 101 of {@code /handshake_protocol} (Jetty itself would
 *     refuse to select a protocol the client did not offer).</li>
 * </ul>
 */
final class HandshakeGate extends Handler.Wrapper {

    static final String EXPECTED_AUTHORIZATION = "Basic Zm9vOmJhcg=="; // foo:bar

    private final Map<String, WptRoute> routes;
    private final Pause pause;

    HandshakeGate(Map<String, WptRoute> routes, Pause pause, Handler next) {
        super(next);
        this.routes = routes;
        this.pause = pause;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        WptRoute route = routes.get(request.getHttpURI().getPath());
        if (route == null) {
            return refuse(response, callback, 404, "no handler for this path");
        }
        if (route.basicAuth() && !EXPECTED_AUTHORIZATION.equals(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"camelot\"");
            return refuse(response, callback, 401, "authorization required");
        }
        List<String> requested = requestedSubprotocols(request);
        if (route.subprotocols().refuses(requested)) {
            return refuse(response, callback, 400, "no acceptable subprotocol in " + requested);
        }
        if (route.subprotocols() == Subprotocols.ALWAYS_FOOBAR) {
            response.getHeaders().put(HttpHeader.SEC_WEBSOCKET_SUBPROTOCOL, "foobar");
        }
        if (!pause.sleep(route.handshakeDelay())) {
            return refuse(response, callback, 503, "server stopping");
        }
        return super.handle(request, response, callback);
    }

    /** The client's {@code Sec-WebSocket-Protocol} tokens, over all header lines, trimmed, in order. */
    static List<String> requestedSubprotocols(Request request) {
        List<String> result = new ArrayList<>();
        for (String line : request.getHeaders().getValuesList(HttpHeader.SEC_WEBSOCKET_SUBPROTOCOL)) {
            for (String token : line.split(",")) {
                if (!token.isBlank()) {
                    result.add(token.trim());
                }
            }
        }
        return result;
    }

    private static boolean refuse(Response response, Callback callback, int status, String message) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
        Content.Sink.write(response, true, message + "\n", callback);
        return true;
    }
}
