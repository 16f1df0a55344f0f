package io.github.wsbridge.internal;

import io.github.wsbridge.DOMException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Step 9 of the WebSocket constructor (WHATWG WebSockets §"The WebSocket interface"; checklist items 11-14): each
 * protocol must be an RFC 2616 {@code token} and occur only once. Following the web-platform-tests
 * ({@code Create-protocols-repeated-case-insensitive}), duplicates are compared ASCII case-insensitively [Amb-2].
 */
public final class Protocols {

    private static final String SEPARATORS = "()<>@,;:\\\"/[]?={}";

    private Protocols() {
    }

    /**
     * Validates the list and returns an immutable copy in the given order.
     *
     * @throws DOMException "SyntaxError" for a non-token or a duplicate
     * @throws NullPointerException for a null array or element, naming it
     */
    public static List<String> validate(String... protocols) {
        if (protocols == null) {
            throw new NullPointerException("protocols");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < protocols.length; i++) {
            String protocol = protocols[i];
            if (protocol == null) {
                throw new NullPointerException("protocols[" + i + "] is null");
            }
            if (!isToken(protocol)) {
                throw DOMException.syntaxError("The subprotocol '" + printable(protocol)
                        + "' is invalid: a subprotocol is a non-empty token of the characters U+0021 to U+007E,"
                        + " without separators ()<>@,;:\\\"/[]?={}");
            }
            if (!seen.add(protocol.toLowerCase(Locale.ROOT))) {
                throw DOMException.syntaxError("The subprotocol '" + protocol + "' is duplicated");
            }
        }
        return List.of(protocols);
    }

    /** RFC 2616 §2.2 {@code token}: 1*&lt;any CHAR except CTLs or separators&gt;. */
    public static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7E || SEPARATORS.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
