package io.github.wsbridge.internal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsbridge.DOMException;

import java.net.URI;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link WebSocketUrl}: steps 1-7 of the WebSocket constructor (checklist section A, item 53, [Amb-1]) over the URL
 * Standard's basic URL parser. Each test names the web-platform-tests file (under {@code websockets/}) that checks
 * the same behaviour in browsers, where there is one; the URL Standard's own tests are {@code url/urltestdata.json}.
 */
class WebSocketUrlTest {

    private static final String BASE = "http://example.com/a/b";

    private static String href(String input) {
        return WebSocketUrl.parse(input, null).href();
    }

    private static String href(String input, String base) {
        return WebSocketUrl.parse(input, base).href();
    }

    private static DOMException syntaxError(String input, String base) {
        DOMException e = assertThrows(DOMException.class, () -> WebSocketUrl.parse(input, base), input);
        assertEquals("SyntaxError", e.name(), input);
        assertEquals(12, e.code(), input);
        return e;
    }

    private static DOMException syntaxError(String input) {
        return syntaxError(input, null);
    }

    @Nested
    class InputPreprocessing {

        // WPT constructor/018.html: "/echo-query?x\u0000y\u0000" reaches the server as "x%00y".
        @Test
        void leadingAndTrailingC0ControlsAndSpacesAreStripped() {
            assertEquals("ws://h/?x%00y", href("ws://h/?x\u0000y\u0000"));
            assertEquals("ws://h/", href(" \u0000\u001F ws://h/ \u0001\t "));
        }

        // URL Standard basic URL parser step 3 (url/urltestdata.json "http://example\t.\norg").
        @Test
        void asciiTabAndNewlineAreRemovedAnywhere() {
            assertEquals("ws://example.org/ab?cd", href("w\ts://exa\nmple.o\rrg/a\tb?c\nd"));
        }

        // WebIDL USVString: send/006 and Send-unpaired-surrogates check the same conversion for send().
        @Test
        void unpairedSurrogatesBecomeReplacementCharacterBeforeEncoding() {
            assertEquals("ws://h/%EF%BF%BD?%EF%BF%BD", href("ws://h/\uD800?\uDC00"));
            assertEquals("ws://h/a%EF%BF%BDb%F0%9F%98%80", href("ws://h/a\uDC00b\uD83D\uDE00"));
        }
    }

    @Nested
    class SchemeAndAuthoritySyntax {

        // WPT constructor/019.html: "WS://" and "WSS://" are accepted.
        @Test
        void schemeIsLowercased() {
            assertEquals("ws://h/", href("WS://h/"));
            assertEquals("wss://h/", href("WsS://h/"));
        }

        // WPT constructor/020.html: an upper-case host is accepted.
        @Test
        void hostIsLowercasedButPathCaseIsKept() {
            assertEquals("ws://example.com:8080/Echo", href("ws://ExAmPlE.CoM:8080/Echo"));
        }

        // URL Standard: special URLs treat "\" as "/" (url/urltestdata.json "\\\\x\\hello").
        @Test
        void backslashIsTreatedAsSlashForSpecialSchemes() {
            assertEquals("ws://h/a/b", href("ws://h\\a\\b"));
            assertEquals("ws://h/a", href("ws:\\\\h\\a"));
        }

        // WPT constructor/017.html: "ws:host:port/echo" and "ws:/host:port/echo" do not throw.
        @Test
        void missingOrExtraSlashesAfterSpecialSchemeAreIgnored() {
            assertEquals("ws://h:8080/x", href("ws:h:8080/x"));
            assertEquals("ws://h:8080/x", href("ws:/h:8080/x"));
            assertEquals("ws://h/x", href("ws:////h/x"));
        }

        // WPT interfaces/WebSocket/url/001.html: "ws://host:port" gives "ws://host:port/".
        @Test
        void emptyPathBecomesSlash() {
            assertEquals("ws://h:8080/", href("ws://h:8080"));
            assertEquals("ws://h/", href("ws://h"));
            assertEquals("ws://h/?x", href("ws://h?x"));
        }
    }

    @Nested
    class Path {

        // URL Standard path percent-encode set: C0 controls, space " # < > ? ^ ` { } and non-ASCII; "%" is kept.
        @Test
        void pathIsPercentEncodedWithThePathPercentEncodeSet() {
            assertEquals("ws://h/a%20b%22%3C%3E%60%7B%7D%5E|[]%zz%41%E2%82%AC!$&'()*+,;=:@~",
                    href("ws://h/a b\"<>`{}^|[]%zz%41€!$&'()*+,;=:@~"));
        }

        // URL Standard single-dot and double-dot URL path segments (url/urltestdata.json).
        @Test
        void dotSegmentsIncludingPercent2eAreResolved() {
            assertEquals("ws://h/a/c", href("ws://h/a/./b/../c"));
            assertEquals("ws://h/a/c", href("ws://h/a/%2e/b/%2E%2e/c"));
            assertEquals("ws://h/", href("ws://h/a/.%2E"));
            assertEquals("ws://h/a/", href("ws://h/a/."));
            assertEquals("ws://h/x", href("ws://h/../../x"));
            assertEquals("ws://h/a/.../%2e%2f", href("ws://h/a/.../%2e%2f"));
        }
    }

    @Nested
    class Query {

        // WPT Create-url-with-windows-1252-encoding.html and constructor/016.html: the query is always UTF-8.
        @Test
        void queryIsPercentEncodedAsUtf8() {
            assertEquals("ws://h/?%E2%82%AC", href("ws://h/?€"));
            assertEquals("ws://h/echo?%C3%A5%C3%A4%C3%B6", href("ws://h/echo?åäö"));
        }

        // WPT interfaces/WebSocket/url/resolve.html: "?foo%20bar baz" gives "?foo%20bar%20baz".
        @Test
        void spaceInQueryBecomesPercent20AndExistingEscapesStay() {
            assertEquals("ws://h/echo?foo%20bar%20baz", href("ws://h/echo?foo%20bar baz"));
        }

        // WPT constructor/018.html: U+0000 in the query becomes "%00".
        @Test
        void nulInQueryBecomesPercent00() {
            assertEquals("ws://h/?a%00b", href("ws://h/?a\u0000b"));
        }

        // URL Standard special-query percent-encode set: the query set (space " # < >) and "'".
        @Test
        void queryUsesTheSpecialQueryPercentEncodeSet() {
            assertEquals("ws://h/?%27%22%3C%3E`{}|^[]?/", href("ws://h/?'\"<>`{}|^[]?/"));
        }

        @Test
        void emptyQueryIsKept() {
            WebSocketUrl url = WebSocketUrl.parse("ws://h/p?", null);
            assertEquals("ws://h/p?", url.href());
            assertEquals("/p?", url.pathAndQuery());
        }
    }

    @Nested
    class Host {

        @Test
        void hostIsPercentDecodedFirst() {
            assertEquals("ws://example.com/", href("ws://%65xample%2Ecom/"));
        }

        // WPT opening-handshake/003.html: the IDN host reads back in Punycode.
        @Test
        void internationalizedDomainBecomesPunycode() {
            assertEquals("ws://xn--n8j6ds53lwwkrqhv28a.example/", href("ws://天気の良い日.example/"));
            assertEquals("ws://xn--bcher-kva.example/", href("ws://BÜCHER.example/"));
            assertEquals("ws://xn--9ca.com/", href("ws://%C3%A9.com/"));
        }

        // URL Standard: UTS #46 non-transitional processing keeps the deviation characters ß and ς.
        @Test
        void deviationCharactersAreKeptNotMapped() {
            assertEquals("ws://xn--fa-hia.de/", href("ws://faß.de/"));
            // A ZWJ after a virama (CheckJoiners allows it): the Sinhala name of Sri Lanka's top-level domain.
            assertEquals("ws://xn--10cl1a0b660p.lk/", href("ws://\u0DC1\u0DCA\u200D\u0DBB\u0DD3.lk/"));
        }

        // URL Standard domain parser: UTS #46 validity, CheckJoiners and CheckBidi apply to non-ASCII domains only.
        @Test
        void nonAsciiDomainsAreValidatedAsUts46Asks() {
            syntaxError("ws://a\u200Db.\u00FC/"); // ZWJ not after a virama
            syntaxError("ws://\u0301a.com/"); // a label starting with a combining mark
            syntaxError("ws://1.\u05D0/"); // "1" breaks the bidi rule in a domain with a right-to-left label
            syntaxError("ws://xn--a.\u00DF/"); // invalid Punycode in a non-ASCII domain
            assertEquals("ws://xn--a/", href("ws://XN--A/")); // an ASCII domain is only lowercased
            assertEquals("ws://xn--4dbc.com/", href("ws://\u05D0\u05D1.com/"));
        }

        // UTS #46 mapping: full-width letters and digits, and the ideographic full stop.
        @Test
        void compatibilityCharactersAreMappedInHosts() {
            assertEquals("ws://example.com/", href("ws://ＥＸＡＭＰＬＥ.com/"));
            assertEquals("ws://a.b/", href("ws://a。b/"));
            assertEquals("ws://127.0.0.1/", href("ws://１２７.０.０.１/"));
        }

        // WPT Create-invalid-urls.any.js ("ws://foo bar.com/", "wss://foo bar.com/") and Create-url-with-space.any.js.
        @ParameterizedTest
        @ValueSource(strings = {"ws://foo bar.com/", "wss://foo bar.com/", "ws://web platform.test/", "ws://a<b/",
                "ws://a>b/", "ws://a^b/", "ws://a|b/", "ws://a[b/", "ws://a%20b/", "ws://a%25b/", "ws://a%/",
                "ws://a%zz/", "ws://a\u0000b/", "ws://a%00b/", "ws://a\u007Fb/", "ws://a%C0b/", "ws://\u00AD/"})
        void forbiddenDomainCodePointsAreSyntaxErrors(String input) {
            syntaxError(input);
        }

        // URL Standard IPv4 parser: hex, octal and fewer than four parts (url/urltestdata.json).
        @Test
        void ipv4NumberFormsAreNormalized() {
            assertEquals("127.0.0.1", WebSocketUrl.parse("ws://0x7f.1/", null).host());
            assertEquals("ws://127.0.0.1/", href("ws://2130706433/"));
            assertEquals("ws://127.0.0.1/", href("ws://0177.0.0.1/"));
            assertEquals("ws://127.0.0.1/", href("ws://127.1/"));
            assertEquals("ws://255.255.255.255/", href("ws://4294967295/"));
            assertEquals("ws://1.2.3.4/", href("ws://1.2.3.4./"));
            assertEquals("ws://0.0.0.0/", href("ws://0x/"));
        }

        // URL Standard "ends in a number checker": such a host must be a valid IPv4 address.
        @ParameterizedTest
        @ValueSource(strings = {"ws://192.168.0.257/", "ws://256.0.0.1/", "ws://1.2.3.4.5/", "ws://4294967296/",
                "ws://foo.09/", "ws://foo.0x1/", "ws://1..2/", "ws://0x100000000/"})
        void hostEndingInANumberThatIsNotIpv4IsSyntaxError(String input) {
            syntaxError(input);
        }

        @Test
        void hostNotEndingInANumberIsADomain() {
            assertEquals("ws://09.com/", href("ws://09.com/"));
            assertEquals("ws://1.2.3.x/", href("ws://1.2.3.x/"));
            assertEquals("ws://foo.0x1g/", href("ws://foo.0x1g/"));
        }

        // URL Standard IPv6 parser and serializer (RFC 5952 compression).
        @Test
        void ipv6IsParsedAndCompressed() {
            assertEquals("[::1]", WebSocketUrl.parse("ws://[0:0::1]/", null).host());
            assertEquals("ws://[::1]:8080/", href("ws://[::1]:8080/"));
            assertEquals("ws://[2001:db8::1:0:0:1]/", href("ws://[2001:DB8:0:0:1:0:0:1]/"));
            assertEquals("ws://[::ffff:c0a8:1]/", href("ws://[::ffff:192.168.0.1]/"));
            assertEquals("ws://[::]/", href("ws://[0:0:0:0:0:0:0:0]/"));
            assertEquals("ws://[1::]/", href("ws://[1:0::]/"));
            assertEquals("ws://[1:0:1::1]/", href("ws://[1:0:1:0:0:0:0:1]/"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"ws://[::1/", "ws://[:1]/", "ws://[1:2:3:4:5:6:7:8:9]/", "ws://[1::2::3]/",
                "ws://[g::1]/", "ws://[::1.2.3]/", "ws://[::1.2.3.256]/", "ws://[1:2:3:4:5:6:7]/", "ws://[::01.2.3.4]/",
                "ws://[%3A%3A1]/", "ws://[::1]x/"})
        void invalidIpv6IsSyntaxError(String input) {
            syntaxError(input);
        }

        // URL Standard host state: a special URL with an empty host is failure.
        @ParameterizedTest
        @ValueSource(strings = {"ws:///", "ws://", "ws:", "wss:/", "ws://:80/", "ws://user@/", "ws://user:pass@:80/",
                "ws://?x", "http:///"})
        void emptyHostIsSyntaxError(String input) {
            syntaxError(input);
        }
    }

    @Nested
    class Port {

        // WPT constructor/008.html (ports 80 and 443 do not throw); checklist item 3: default ports are dropped.
        @Test
        void defaultPortIsOmittedFromHrefAndPortIsMinusOne() {
            WebSocketUrl ws = WebSocketUrl.parse("ws://h:80/", null);
            assertEquals("ws://h/", ws.href());
            assertEquals(-1, ws.port());
            assertEquals(80, ws.effectivePort());
            WebSocketUrl wss = WebSocketUrl.parse("wss://h:443/", null);
            assertEquals("wss://h/", wss.href());
            assertEquals(-1, wss.port());
            assertEquals(443, wss.effectivePort());
            assertEquals("ws://h/", href("ws://h:080/"));
        }

        // WPT constructor/008.html: 443 is not the ws default, nor 80 the wss default.
        @Test
        void otherSchemesDefaultPortIsKept() {
            assertEquals("ws://h:443/", href("ws://h:443/"));
            assertEquals("wss://h:80/", href("wss://h:80/"));
            assertEquals(443, WebSocketUrl.parse("ws://h:443/", null).port());
        }

        // The default is judged on the parsed scheme (http 80, https 443), which ws and wss share.
        @Test
        void httpDefaultPortsMapToWsDefaults() {
            assertEquals("ws://h/", href("http://h:80/"));
            assertEquals("wss://h/", href("https://h:443/"));
            assertEquals("ws://h:443/", href("http://h:443/"));
        }

        @Test
        void emptyPortIsNoPortAndPortZeroIsKept() {
            assertEquals("ws://h/", href("ws://h:/"));
            // A bad port (Fetch's list has 0) is no constructor error: checklist item 8, WPT Create-blocked-port.
            assertEquals("ws://h:0/", href("ws://h:0/"));
            assertEquals(65535, WebSocketUrl.parse("ws://h:65535/", null).port());
        }

        @ParameterizedTest
        @ValueSource(strings = {"ws://h:65536/", "ws://h:99999999999999999999/", "ws://h:8a/", "ws://h:-1/",
                "ws://h: 80/", "ws://h:+80/", "ws://h:0x50/", "ws://h:８０/", "ws://[::1]:x/"})
        void portThatIsNotADigitStringUpTo65535IsSyntaxError(String input) {
            syntaxError(input);
        }
    }

    @Nested
    class Userinfo {

        // WPT basic-auth.any.js: "wss://foo:bar@host/basic_auth" keeps its credentials (checklist item 10).
        @Test
        void userinfoIsKept() {
            WebSocketUrl url = WebSocketUrl.parse("wss://foo:bar@host/basic_auth", null);
            assertEquals("wss://foo:bar@host/basic_auth", url.href());
            assertEquals("foo", url.username());
            assertEquals("bar", url.password());
        }

        // URL Standard authority state: userinfo percent-encode set; the last "@" ends the userinfo.
        @Test
        void userinfoIsPercentEncodedWithTheUserinfoSet() {
            WebSocketUrl url = WebSocketUrl.parse("ws://a b:c@d:e@h/", null);
            assertEquals("ws://a%20b:c%40d%3Ae@h/", url.href());
            assertEquals("a%20b", url.username());
            assertEquals("c%40d%3Ae", url.password());
            assertEquals("ws://%C3%BC:%C3%9F@h/", href("ws://ü:ß@h/"));
        }

        @Test
        void emptyCredentialsAreDropped() {
            assertEquals("ws://h/", href("ws://:@h/"));
            assertEquals("ws://user@h/", href("ws://user:@h/"));
            assertEquals("ws://:pass@h/", href("ws://:pass@h/"));
            assertEquals("", WebSocketUrl.parse("ws://h/", null).username());
            assertEquals("", WebSocketUrl.parse("ws://h/", null).password());
        }
    }

    @Nested
    class SchemeMapping {

        // WPT Create-http-urls.any.js: http: and https: URLs read back as ws: and wss:.
        @Test
        void httpBecomesWsAndHttpsBecomesWss() {
            WebSocketUrl ws = WebSocketUrl.parse("http://h:8080/x?y", null);
            assertEquals("ws://h:8080/x?y", ws.href());
            assertEquals("ws", ws.scheme());
            assertFalse(ws.secure());
            WebSocketUrl wss = WebSocketUrl.parse("HTTPS://h/", null);
            assertEquals("wss://h/", wss.href());
            assertEquals("wss", wss.scheme());
            assertTrue(wss.secure());
        }

        // WPT Create-invalid-urls.any.js: "ftp://host/", "mailto:...", "about:blank".
        @ParameterizedTest
        @ValueSource(strings = {"ftp://h/", "mailto:example@example.org", "about:blank", "file:///etc/passwd",
                "file://h/x", "data:text/plain,x", "javascript:alert(1)", "blob:https://h/0b7a", "wsx://h/",
                "xhttp://h/", "localhost:8080", "h:80/echo", "ws+unix://h/"})
        void otherSchemesAreSyntaxErrors(String input) {
            DOMException e = syntaxError(input);
            assertTrue(e.getMessage().contains("scheme"), e.getMessage());
        }
    }

    @Nested
    class Fragment {

        // WPT Create-invalid-urls.any.js: origin + "/#", origin + "/#test"; checklist item 6 (even empty).
        @ParameterizedTest
        @ValueSource(strings = {"ws://h/#", "ws://h/#test", "ws://h/?x#", "wss://h#", "http://h/#x", "https://h/#"})
        void anyFragmentEvenEmptyIsSyntaxError(String input) {
            DOMException e = syntaxError(input);
            assertTrue(e.getMessage().contains("fragment"), e.getMessage());
        }

        // WPT Create-invalid-urls.any.js: "#test" (relative to the page, which has a fragment-free URL).
        @Test
        void fragmentOnlyInputIsSyntaxErrorWithOrWithoutBase() {
            syntaxError("#test");
            syntaxError("#test", BASE);
            syntaxError("#", BASE);
        }
    }

    @Nested
    class RelativeUrls {

        // Checklist [Amb-1]; WPT Create-invalid-urls.any.js ("/echo", "?test" in older versions) and
        // Create-non-absolute-url.any.js ("test", "?", "null", "123"), which need a base.
        @ParameterizedTest
        @ValueSource(strings = {"test", "?", "/echo", "//h/x", "?test", "", "   ", "null", "123", "../x", ":",
                "\\\\h\\x"})
        void relativeInputWithoutBaseIsSyntaxError(String input) {
            DOMException e = syntaxError(input);
            assertTrue(e.getMessage().contains("base"), e.getMessage());
        }

        // WPT Create-non-absolute-url.any.js and Create-http-urls.any.js: resolved, then http becomes ws.
        @Test
        void relativeInputResolvesAgainstBase() {
            assertAll(
                    () -> assertEquals("ws://example.com/a/test", href("test", BASE)),
                    () -> assertEquals("ws://example.com/a/b?", href("?", BASE)),
                    () -> assertEquals("ws://example.com/x", href("/x", BASE)),
                    () -> assertEquals("ws://other/x", href("//other/x", BASE)),
                    () -> assertEquals("ws://example.com/a/b", href("", BASE)),
                    () -> assertEquals("ws://example.com/a/b?x=1", href("?x=1", BASE)),
                    () -> assertEquals("ws://example.com/c", href("../c", BASE)),
                    () -> assertEquals("ws://example.com/a/null", href("null", BASE)),
                    () -> assertEquals("ws://example.com/a/123", href("123", BASE)),
                    () -> assertEquals("ws://other/x", href("\\\\other\\x", BASE)),
                    () -> assertEquals("wss://x/", href("wss://x/", BASE)));
        }

        @Test
        void relativeResolutionKeepsTheBasesAuthorityAndDropsItsQueryAndFragment() {
            String base = "https://u:p@example.com:8443/dir/page?q#f";
            assertEquals("wss://u:p@example.com:8443/dir/echo", href("echo", base));
            assertEquals("wss://u:p@example.com:8443/dir/page?q", href("", base));
            assertEquals("ws://h/b", href("b", "ws://h/a"));
        }

        // URL Standard scheme state: "ws:x" against a ws: base is relative; "http:x" against it is not.
        @Test
        void sameSchemeWithoutSlashesIsRelativeToTheBase() {
            assertEquals("ws://h/a/x", href("ws:x", "ws://h/a/b"));
            assertEquals("ws://x/", href("http:x", "ws://h/a/b"));
            assertEquals("ws://example.com/a/x", href("http:x", BASE));
        }

        @Test
        void baseThatDoesNotParseOrIsNotAbsoluteIsSyntaxError() {
            DOMException e = syntaxError("ws://h/", "/relative");
            assertTrue(e.getMessage().contains("base"), e.getMessage());
            syntaxError("test", "http://foo bar/");
            syntaxError("test", "not a url");
        }

        // Any absolute URL can be a base, but the result must still be ws(s): or http(s):.
        @Test
        void baseOfAnotherSchemeOnlyHelpsAbsoluteInput() {
            assertEquals("ws://h/", href("ws://h/", "about:blank"));
            syntaxError("test", "about:blank");
            syntaxError("y", "file:///dir/x");
            syntaxError("y", "ftp://h/x");
        }
    }

    @Nested
    class ApiContract {

        @Test
        void nullInputThrowsNullPointerExceptionNamedUrl() {
            NullPointerException e = assertThrows(NullPointerException.class, () -> WebSocketUrl.parse(null, BASE));
            assertEquals("url", e.getMessage());
        }

        @Test
        void accessorsExposeTheComponents() {
            WebSocketUrl url = WebSocketUrl.parse("WSS://User:Pw@Example.COM:8443/a/b?x=1", null);
            assertAll(
                    () -> assertEquals("wss://User:Pw@example.com:8443/a/b?x=1", url.href()),
                    () -> assertEquals("wss", url.scheme()),
                    () -> assertTrue(url.secure()),
                    () -> assertEquals("example.com", url.host()),
                    () -> assertEquals(8443, url.port()),
                    () -> assertEquals(8443, url.effectivePort()),
                    () -> assertEquals("User", url.username()),
                    () -> assertEquals("Pw", url.password()),
                    () -> assertEquals("/a/b?x=1", url.pathAndQuery()),
                    () -> assertEquals(url.href(), url.toString()));
        }

        // Checklist item 53; WPT opening-handshake/003.html: MessageEvent.origin is "ws(s)://punycode-host[:port]".
        @Test
        void originIsSchemeHostAndNonDefaultPortWithoutSlash() {
            assertEquals("ws://h", WebSocketUrl.parse("ws://user:pw@h:80/x?y", null).origin());
            assertEquals("wss://h:8443", WebSocketUrl.parse("wss://h:8443/x", null).origin());
            assertEquals("ws://xn--n8j6ds53lwwkrqhv28a.example:8080",
                    WebSocketUrl.parse("ws://天気の良い日.example:8080/origin", null).origin());
            assertEquals("ws://[::1]:81", WebSocketUrl.parse("ws://[::1]:81/", null).origin());
            assertEquals("wss://h", WebSocketUrl.parse("https://h:443/", null).origin());
        }

        @Test
        void toUriIsEqualToHref() {
            for (String input : new String[] {"ws://h/", "wss://u:p@example.com:8443/a%20b?c=%E2%82%AC&d",
                    "ws://[::1]:8080/x", "ws://127.0.0.1/", "ws://xn--n8j6ds53lwwkrqhv28a.example/", "ws://h/?"}) {
                URI uri = WebSocketUrl.parse(input, null).toURI();
                assertEquals(WebSocketUrl.parse(input, null).href(), uri.toString());
                assertEquals(URI.create(uri.toString()), uri);
            }
            URI uri = WebSocketUrl.parse("wss://h:8443/p?q", null).toURI();
            assertEquals("h", uri.getHost());
            assertEquals(8443, uri.getPort());
            assertEquals("/p", uri.getRawPath());
            assertEquals("q", uri.getRawQuery());
        }

        // The URL Standard leaves "|", "[", "{", "%zz"... unencoded; java.net.URI refuses them.
        @Test
        void toUriPercentEncodesOnlyWhatJavaNetUriRefuses() {
            WebSocketUrl url = WebSocketUrl.parse("ws://h/a|b[c]?{x}|%zz", null);
            assertEquals("ws://h/a|b[c]?{x}|%zz", url.href());
            assertEquals("ws://h/a%7Cb%5Bc%5D?%7Bx%7D%7C%25zz", url.toURI().toString());
            assertEquals("ws://[::1]/a%7C", WebSocketUrl.parse("ws://[::1]/a|", null).toURI().toString());
        }

        @Test
        void syntaxErrorMessageNamesTheInputAndTheReason() {
            String message = syntaxError("ws://foo bar.com/").getMessage();
            assertTrue(message.contains("'ws://foo bar.com/'"), message);
            assertTrue(message.contains("U+0020"), message);
            String controls = syntaxError("ws://a\u0000b/").getMessage();
            assertTrue(controls.contains("'ws://a\\u0000b/'"), controls);
            assertNotEquals(-1, syntaxError("ftp://h/").getMessage().indexOf("'ftp'"));
        }
    }
}
