package io.github.wsbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsbridge.internal.WebSocketUrl;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Hostile and invalid input, property-based (jqwik), on this run's container ({@link Clients}): for any constructor URL
 * and protocols, any {@code close} code and reason, any {@code send} payload and any {@code WebSocketInit} header, only
 * the standard's {@link DOMException} (with its exact name) or, for Java-only misuse, {@link IllegalArgumentException}
 * escapes, exactly when an oracle written here from the standard's rules says so, and the socket's state is never
 * corrupted. Sockets are only ever built for URLs on 127.0.0.1 port 1, a Fetch bad port, which fails without any network
 * activity, or on the local test servers.
 */
class HostileInputTest {

    private static final String SEPARATORS = "()<>@,;:\\\"/[]?={} \t";

    /** One open socket to the raw server's echo, shared by the close and send properties; closed cleanly at the end. */
    private static Recorder.Pair shared;

    private static synchronized Recorder.Pair shared() {
        if (shared == null) {
            shared = Recorder.open(Servers.raw("/echo"));
            shared.rec.expectOpen();
        }
        return shared;
    }

    @AfterContainer
    static void closeShared() {
        if (shared != null) {
            shared.ws.close(1000, "done");
            shared.rec.expectClose(1000, "done", true);
            shared.rec.expectNoMoreEvents();
            assertEquals(0, shared.ws.bufferedAmount(), "everything sent went out");
        }
    }

    // ------------------------------------------------------------------------------------------------ constructor

    @Provide
    Arbitrary<String> urls() {
        Arbitrary<String> scheme = Arbitraries.of("ws", "wss", "http", "https", "WS", "Http", "ftp", "file", "javascript",
                "", "w s", "ws+unix");
        Arbitrary<String> separator = Arbitraries.of("://", ":", ":/", ":///", "//", "");
        Arbitrary<String> host = Arbitraries.of("127.0.0.1", "127.1", "0x7f.1", "[::1]", "[::ffff:127.0.0.1]", "[", "a b",
                "%31%32%37.0.0.1", "xn--", "1.2.3.4.5", "256.0.0.1", "\u00e9.example", "user:pass@127.0.0.1", "@", "");
        Arbitrary<String> port = Arbitraries.of("", ":1", ":0", ":", ":x", ":65536", ":-1", ":001", ":4294967297");
        Arbitrary<String> rest = Arbitraries.oneOf(Arbitraries.of("", "/", "/path?q=1", "#frag", "/#", "/\u0000",
                "/%zz", "/\ud800", "?\udc00"), Arbitraries.strings().all().ofMaxLength(12));
        Arbitrary<String> built = Combinators.combine(scheme, separator, host, port, rest)
                .as((a, b, c, d, e) -> a + b + c + d + e);
        return Arbitraries.oneOf(built, built, Arbitraries.strings().all().ofMaxLength(40));
    }

    /**
     * Any string: the constructor throws a "SyntaxError" DOMException exactly when the URL parser rejects it, and
     * nothing else. A URL that parses to 127.0.0.1 port 1 is also constructed: CONNECTING, then error and close 1006.
     */
    @Property(tries = 400)
    void theConstructorThrowsOnlySyntaxError(@ForAll("urls") String url) {
        WebSocketUrl parsed;
        try {
            parsed = WebSocketUrl.parse(url, null);
        } catch (DOMException e) {
            assertEquals(DOMException.SYNTAX_ERROR, e.name());
            DOMException thrown = assertThrows(DOMException.class, () -> new WebSocket(url, Clients.init().build()));
            assertEquals(DOMException.SYNTAX_ERROR, thrown.name(), thrown::getMessage);
            return;
        }
        if (parsed.host().equals("127.0.0.1") && parsed.effectivePort() == 1) {
            Recorder.Pair p = Recorder.open(url, Clients.init());
            assertEquals(parsed.href(), p.ws.url());
            p.rec.expectFailure();
        }
    }

    @Provide
    Arbitrary<List<String>> protocolLists() {
        Arbitrary<String> tokenish = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(6);
        Arbitrary<String> named = Arbitraries.of("chat", "CHAT", "superchat", "", " ", "a b", "a,b", "\u00e9", "\u0000");
        return Arbitraries.oneOf(tokenish, tokenish, any, named).list().ofMaxSize(4);
    }

    /** Protocols: "SyntaxError" exactly when one is not a token or two are equal ignoring ASCII case (steps 8-9). */
    @Property(tries = 300)
    void protocolsAreTokensWithoutDuplicates(@ForAll("protocolLists") List<String> protocols) {
        boolean valid = true;
        Set<String> seen = new HashSet<>();
        for (String protocol : protocols) {
            valid &= isToken(protocol) && seen.add(protocol.toLowerCase(Locale.ROOT));
        }
        String[] array = protocols.toArray(new String[0]);
        if (!valid) {
            DOMException e = assertThrows(DOMException.class, () -> new WebSocket("ws://127.0.0.1:1/", array));
            assertEquals(DOMException.SYNTAX_ERROR, e.name());
            return;
        }
        Recorder.Pair p = Recorder.open("ws://127.0.0.1:1/", Clients.init().protocols(array));
        p.rec.expectFailure();
    }

    // ------------------------------------------------------------------------------------------------------ close

    @Provide
    Arbitrary<Integer> closeCodes() {
        return Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.integers().between(-1, 5100),
                Arbitraries.of(0, 999, 1000, 1001, 1005, 1006, 1015, 2999, 3000, 4999, 5000, 65535, 65536));
    }

    @Provide
    Arbitrary<String> reasons() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(130),
                Arbitraries.strings().withChars('\u00e9', 'a', '\ud83d', '\ude00').ofMinLength(40).ofMaxLength(125));
    }

    /**
     * close(code, reason) on an open socket: "InvalidAccessError" unless the code is 1000 or 3000-4999, then
     * "SyntaxError" if the reason is over 123 UTF-8 bytes (lone surrogates count as U+FFFD); a call that throws changes
     * nothing, and the socket still echoes. A valid pair closes a fresh socket with exactly that code and reason.
     */
    @Property(tries = 300)
    void closeThrowsExactlyTheStandardsErrors(@ForAll("closeCodes") int code, @ForAll("reasons") String reason) {
        boolean codeOk = code == 1000 || (code >= 3000 && code <= 4999);
        String usv = usv(reason);
        boolean reasonOk = usv.getBytes(StandardCharsets.UTF_8).length <= 123;
        if (codeOk && reasonOk) {
            Recorder.Pair p = Recorder.open(Servers.raw("/echo"));
            p.rec.expectOpen();
            p.ws.close(code, reason);
            p.rec.expectClose(code, usv, true);
            return;
        }
        Recorder.Pair p = shared();
        DOMException e = assertThrows(DOMException.class, () -> p.ws.close(code, reason));
        assertEquals(codeOk ? DOMException.SYNTAX_ERROR : DOMException.INVALID_ACCESS_ERROR, e.name(), e::getMessage);
        assertEquals(WebSocket.OPEN, p.ws.readyState(), "a close() that throws changes nothing");
        p.ws.send("after " + code);
        assertEquals("after " + code, p.rec.expectText());
    }

    // ------------------------------------------------------------------------------------------------------- send

    @Provide
    Arbitrary<String> payloads() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.strings().withChars('\ud800', '\udbff', '\udc00', '\udfff', 'x', '\u0000', '\uffff')
                        .ofMaxLength(50));
    }

    /** send(String) on an open socket never throws, and the peer gets the text with lone surrogates as U+FFFD. */
    @Property(tries = 300)
    void sendNeverThrowsAndSendsTheScalarValueString(@ForAll("payloads") String data) {
        Recorder.Pair p = shared();
        p.ws.send(data);
        assertEquals(usv(data), p.rec.expectText());
        assertEquals(WebSocket.OPEN, p.ws.readyState());
    }

    @Provide
    Arbitrary<String> hugePayloads() {
        return Combinators.combine(Arbitraries.strings().all().ofMinLength(1).ofMaxLength(64),
                Arbitraries.integers().between(100_000, 2_000_000))
                .as((unit, length) -> unit.repeat(length / unit.length() + 1).substring(0, length));
    }

    /** Huge strings (0.1 to 2 million UTF-16 units, up to 6 MB of UTF-8), arbitrary content: whole and exact. */
    @Property(tries = 6)
    void hugeStringsArriveWhole(@ForAll("hugePayloads") String data) {
        Recorder.Pair p = shared();
        p.ws.send(data);
        String echoed = p.rec.expectText();
        assertEquals(usv(data).length(), echoed.length());
        assertTrue(usv(data).equals(echoed), "the echo differs from what was sent");
    }

    // ---------------------------------------------------------------------------------------------------- headers

    @Provide
    Arbitrary<String> headerNames() {
        return Arbitraries.oneOf(Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(10),
                Arbitraries.strings().all().ofMaxLength(6),
                Arbitraries.of("Host", "host", "Upgrade", "Connection", "Sec-WebSocket-Key", "sec-websocket-anything",
                        "Authorization", "X-Custom", "X-A\r\nX-B", "Origin", "Content-Length", "Transfer-Encoding"));
    }

    @Provide
    Arbitrary<String> headerValues() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(10),
                Arbitraries.strings().withCharRange(' ', '\u00ff').ofMaxLength(20),
                Arbitraries.of("v\r\nX-Injected: 1", "v\n", "v\r", "\u0000", "ok", "\t tabbed \t", "\u0100"));
    }

    /**
     * header(name, value) is accepted exactly when the name is a token that the handshake does not own and the value
     * has no control character but tab and nothing above U+00FF; otherwise IllegalArgumentException saying why. So no
     * value can smuggle CR or LF into the request.
     */
    @Property(tries = 500)
    void headersCannotInjectIntoTheHandshake(@ForAll("headerNames") String name, @ForAll("headerValues") String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        boolean owned = Set.of("host", "upgrade", "connection", "content-length", "transfer-encoding").contains(lower)
                || lower.startsWith("sec-websocket-");
        boolean valueOk = value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c != 0x7F && c <= 0xFF));
        if (isToken(name) && !owned && valueOk) {
            List<String[]> headers = WebSocketInit.builder().header(name, value).build().headers();
            assertEquals(name, headers.get(0)[0]);
            assertFalse(headers.get(0)[1].contains("\r") || headers.get(0)[1].contains("\n"));
            return;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WebSocketInit.builder().header(name, value));
        assertTrue(e.getMessage().contains("header"), e.getMessage());
    }

    // ----------------------------------------------------------------------------------------------------- oracles

    /** RFC 2616 token, from the standard's definition (not the bridge's code). */
    private static boolean isToken(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= 0x21 && c <= 0x7E && SEPARATORS.indexOf(c) < 0);
    }

    /** WebIDL USVString conversion: every lone surrogate becomes U+FFFD. */
    private static String usv(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> out.appendCodePoint(cp <= 0xFFFF && Character.isSurrogate((char) cp) ? 0xFFFD : cp));
        return out.toString();
    }
}
