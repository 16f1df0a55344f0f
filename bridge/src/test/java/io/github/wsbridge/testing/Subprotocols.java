package io.github.wsbridge.testing;

import java.util.List;

/**
 * How a {@link WptServer} path answers the client's {@code Sec-WebSocket-Protocol}, following pywebsocket's
 * {@code handshake/base.py}: when the client requested protocols and the handler selected none, or selected one the
 * client did not request, the answer is HTTP 400; otherwise 101 with the selected protocol, if any.
 */
enum Subprotocols {

    /** The handler selects nothing: any requested protocol gets 400 (pywebsocket's default). */
    NONE,
    /** {@code echo_wsh.py}: selects {@code echo} if it was requested (case-sensitive), else 400. */
    ECHO,
    /** {@code protocol_wsh.py}: selects the header value verbatim, so only a single requested protocol gets a 101. */
    VERBATIM,
    /** {@code protocol_array_wsh.py}: selects the first requested protocol. */
    FIRST,
    /** {@code handshake_no_protocol_wsh.py}: pretends nothing was requested: 101 without the header, never 400. */
    IGNORE,
    /**
     * {@code handshake_protocol_wsh.py}, made stricter for a client test: the 101 always carries
     * {@code Sec-WebSocket-Protocol: foobar}, also when nothing or something else was requested (a client must fail).
     */
    ALWAYS_FOOBAR;

    /** The protocol to accept for {@code requested}, or null for none (the {@code Sec-WebSocket-Protocol} Jetty sends). */
    String select(List<String> requested) {
        return switch (this) {
            case NONE, IGNORE -> null;
            case ECHO -> requested.contains("echo") ? "echo" : null;
            case VERBATIM -> requested.isEmpty() ? null : String.join(", ", requested);
            case FIRST -> requested.isEmpty() ? null : requested.get(0);
            case ALWAYS_FOOBAR -> requested.contains("foobar") ? "foobar" : null;
        };
    }

    /** Whether pywebsocket would refuse this request with 400. */
    boolean refuses(List<String> requested) {
        if (this == IGNORE || this == ALWAYS_FOOBAR || requested.isEmpty()) {
            return false;
        }
        String selected = select(requested);
        return selected == null || !requested.contains(selected);
    }
}
