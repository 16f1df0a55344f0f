package io.github.wsbridge.internal;

import io.github.wsbridge.internal.PercentEncoding.EncodeSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;

/**
 * The URL Standard's "basic URL parser" (§4.4 "URL parsing"), without the {@code url} and {@code state override}
 * arguments (they serve only the setters of the {@code URL} API) and with UTF-8 as the only encoding.
 *
 * <p>The code follows the Standard's state machine: one method per state, named as the Standard names it, with
 * its steps quoted or paraphrased. Validation errors that do not return failure are not reported (the Standard
 * allows that); every failure carries the name of its validation error and a readable message.
 *
 * <p>All schemes are parsed, including the non-special ones (opaque paths and opaque hosts) and {@code file:},
 * so that the result for any input is what a browser's URL parser gives.
 */
final class BasicUrlParser {

    /** The URL parser returned failure. The message says why; {@link #validationError} names the error. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final String validationError;

        Failure(String validationError, String message) {
            super(message, null, false, false);
            this.validationError = validationError;
        }
    }

    private enum State {
        SCHEME_START, SCHEME, NO_SCHEME, SPECIAL_RELATIVE_OR_AUTHORITY, PATH_OR_AUTHORITY, RELATIVE, RELATIVE_SLASH,
        SPECIAL_AUTHORITY_SLASHES, SPECIAL_AUTHORITY_IGNORE_SLASHES, AUTHORITY, HOST, PORT, FILE, FILE_SLASH,
        FILE_HOST, PATH_START, PATH, OPAQUE_PATH, QUERY, FRAGMENT
    }

    private static final int EOF = -1;

    private final int[] input;
    private final UrlRecord base;
    private final UrlRecord url = new UrlRecord();
    private State state = State.SCHEME_START;
    private final StringBuilder buffer = new StringBuilder();
    private boolean atSignSeen;
    private boolean insideBrackets;
    private boolean passwordTokenSeen;
    private int pointer;

    private BasicUrlParser(int[] input, UrlRecord base) {
        this.input = input;
        this.base = base;
    }

    /**
     * Runs the basic URL parser on {@code input} with an optional {@code base} (null for none).
     *
     * <p>{@code input} is first converted to a scalar value string, as WebIDL does for a USVString: every
     * unpaired surrogate becomes U+FFFD.
     */
    static UrlRecord parse(String input, UrlRecord base) throws Failure {
        int[] codePoints = toScalarValues(input);
        // 1.2.-1.3. Remove any leading and trailing C0 control or space from input.
        int start = 0;
        int end = codePoints.length;
        while (start < end && codePoints[start] <= 0x20) {
            start++;
        }
        while (end > start && codePoints[end - 1] <= 0x20) {
            end--;
        }
        // 2.-3. Remove all ASCII tab or newline from input.
        int[] stripped = new int[end - start];
        int length = 0;
        for (int i = start; i < end; i++) {
            int c = codePoints[i];
            if (c != '\t' && c != '\n' && c != '\r') {
                stripped[length++] = c;
            }
        }
        BasicUrlParser parser = new BasicUrlParser(Arrays.copyOf(stripped, length), base);
        return parser.run();
    }

    /** WebIDL's USVString conversion: the code points of {@code s}, with each unpaired surrogate as U+FFFD. */
    static int[] toScalarValues(String s) {
        return s.codePoints().map(cp -> cp <= 0xFFFF && Character.isSurrogate((char) cp) ? 0xFFFD : cp).toArray();
    }

    // 9. Keep running the state machine. If after a run pointer points to the EOF code point, go to the next
    //    step. Otherwise, increase pointer by 1 and continue with the state machine.
    private UrlRecord run() throws Failure {
        while (true) {
            int c = pointer < input.length ? input[pointer] : EOF;
            switch (state) {
                case SCHEME_START -> schemeStartState(c);
                case SCHEME -> schemeState(c);
                case NO_SCHEME -> noSchemeState(c);
                case SPECIAL_RELATIVE_OR_AUTHORITY -> specialRelativeOrAuthorityState(c);
                case PATH_OR_AUTHORITY -> pathOrAuthorityState(c);
                case RELATIVE -> relativeState(c);
                case RELATIVE_SLASH -> relativeSlashState(c);
                case SPECIAL_AUTHORITY_SLASHES -> specialAuthoritySlashesState(c);
                case SPECIAL_AUTHORITY_IGNORE_SLASHES -> specialAuthorityIgnoreSlashesState(c);
                case AUTHORITY -> authorityState(c);
                case HOST -> hostState(c);
                case PORT -> portState(c);
                case FILE -> fileState(c);
                case FILE_SLASH -> fileSlashState(c);
                case FILE_HOST -> fileHostState(c);
                case PATH_START -> pathStartState(c);
                case PATH -> pathState(c);
                case OPAQUE_PATH -> opaquePathState(c);
                case QUERY -> queryState(c);
                case FRAGMENT -> fragmentState(c);
            }
            if (pointer >= input.length) {
                return url; // 10. Return url.
            }
            pointer++;
        }
    }

    // --- scheme ---------------------------------------------------------------------------------------------

    /** scheme start state */
    private void schemeStartState(int c) {
        if (isAsciiAlpha(c)) {
            // 1. If c is an ASCII alpha, append c, lowercased, to buffer, and set state to scheme state.
            buffer.append(Character.toLowerCase((char) c));
            state = State.SCHEME;
        } else {
            // 2. Otherwise (no state override), set state to no scheme state and decrease pointer by 1.
            state = State.NO_SCHEME;
            pointer--;
        }
    }

    /** scheme state */
    private void schemeState(int c) {
        if (isAsciiAlphanumeric(c) || c == '+' || c == '-' || c == '.') {
            // 1. Append c, lowercased, to buffer.
            buffer.append(Character.toLowerCase((char) c));
        } else if (c == ':') {
            // 2.2. Set url's scheme to buffer. 2.4. Set buffer to the empty string.
            url.scheme = buffer.toString();
            buffer.setLength(0);
            if (url.scheme.equals("file")) {
                // 2.5. If url's scheme is "file": set state to file state.
                state = State.FILE;
            } else if (url.isSpecial() && base != null && base.scheme.equals(url.scheme)) {
                // 2.6. Otherwise, if url is special, base is non-null, and base's scheme is url's scheme:
                //      (base is then special too) set state to special relative or authority state.
                state = State.SPECIAL_RELATIVE_OR_AUTHORITY;
            } else if (url.isSpecial()) {
                // 2.7. Otherwise, if url is special, set state to special authority slashes state.
                state = State.SPECIAL_AUTHORITY_SLASHES;
            } else if (remainingStartsWith('/')) {
                // 2.8. Otherwise, if remaining starts with "/", set state to path or authority state and
                //      increase pointer by 1.
                state = State.PATH_OR_AUTHORITY;
                pointer++;
            } else {
                // 2.9. Otherwise, set url's path to the empty string and set state to opaque path state.
                url.opaquePath = new StringBuilder();
                state = State.OPAQUE_PATH;
            }
        } else {
            // 3. Otherwise (no state override), set buffer to the empty string, state to no scheme state, and
            //    start over (from the first code point in input).
            buffer.setLength(0);
            state = State.NO_SCHEME;
            pointer = -1;
        }
    }

    /** no scheme state */
    private void noSchemeState(int c) throws Failure {
        if (base == null || (base.hasOpaquePath() && c != '#')) {
            // 1. If base is null, or base has an opaque path and c is not "#", missing-scheme-non-relative-URL
            //    validation error, return failure.
            throw new Failure("missing-scheme-non-relative-URL", base == null
                    ? "it is a relative URL (it has no scheme), and there is no base URL to resolve it against"
                    : "it is a relative URL, and the base URL \"" + base + "\" cannot be a base");
        } else if (base.hasOpaquePath()) {
            // 2. Otherwise, if base has an opaque path and c is "#": copy scheme, path and query from base, set
            //    url's fragment to the empty string, and set state to fragment state.
            url.scheme = base.scheme;
            url.opaquePath = new StringBuilder(base.opaquePath);
            url.query = base.query;
            url.fragment = new StringBuilder();
            state = State.FRAGMENT;
        } else if (!base.scheme.equals("file")) {
            // 3. Otherwise, if base's scheme is not "file", set state to relative state, decrease pointer by 1.
            state = State.RELATIVE;
            pointer--;
        } else {
            // 4. Otherwise, set state to file state and decrease pointer by 1.
            state = State.FILE;
            pointer--;
        }
    }

    // --- authority ------------------------------------------------------------------------------------------

    /** special relative or authority state */
    private void specialRelativeOrAuthorityState(int c) {
        if (c == '/' && remainingStartsWith('/')) {
            // 1. If c is "/" and remaining starts with "/": special authority ignore slashes state, pointer + 1.
            state = State.SPECIAL_AUTHORITY_IGNORE_SLASHES;
            pointer++;
        } else {
            // 2. Otherwise, set state to relative state and decrease pointer by 1.
            state = State.RELATIVE;
            pointer--;
        }
    }

    /** path or authority state */
    private void pathOrAuthorityState(int c) {
        if (c == '/') {
            state = State.AUTHORITY;
        } else {
            state = State.PATH;
            pointer--;
        }
    }

    /** relative state */
    private void relativeState(int c) {
        // 1.-2. (base's scheme is not "file".) Set url's scheme to base's scheme.
        url.scheme = base.scheme;
        if (c == '/') {
            // 3. If c is "/", then set state to relative slash state.
            state = State.RELATIVE_SLASH;
        } else if (url.isSpecial() && c == '\\') {
            // 4. Otherwise, if url is special and c is "\", set state to relative slash state.
            state = State.RELATIVE_SLASH;
        } else {
            // 5.1. Copy username, password, host, port, a clone of the path, and the query from base.
            url.username = base.username;
            url.password = base.password;
            url.host = base.host;
            url.port = base.port;
            url.path = new ArrayList<>(base.path);
            url.query = base.query;
            if (c == '?') {
                // 5.2. If c is "?", then set url's query to the empty string, and state to query state.
                url.query = "";
                state = State.QUERY;
            } else if (c == '#') {
                // 5.3. Otherwise, if c is "#", set url's fragment to the empty string and state to fragment state.
                url.fragment = new StringBuilder();
                state = State.FRAGMENT;
            } else if (c != EOF) {
                // 5.4. Otherwise, if c is not EOF: set query to null, shorten url's path, set state to path
                //      state and decrease pointer by 1.
                url.query = null;
                shortenPath();
                state = State.PATH;
                pointer--;
            }
        }
    }

    /** relative slash state */
    private void relativeSlashState(int c) {
        if (url.isSpecial() && (c == '/' || c == '\\')) {
            // 1. If url is special and c is "/" or "\": set state to special authority ignore slashes state.
            state = State.SPECIAL_AUTHORITY_IGNORE_SLASHES;
        } else if (c == '/') {
            // 2. Otherwise, if c is "/", then set state to authority state.
            state = State.AUTHORITY;
        } else {
            // 3. Otherwise, copy username, password, host and port from base, set state to path state, and
            //    decrease pointer by 1.
            url.username = base.username;
            url.password = base.password;
            url.host = base.host;
            url.port = base.port;
            state = State.PATH;
            pointer--;
        }
    }

    /** special authority slashes state */
    private void specialAuthoritySlashesState(int c) {
        if (c == '/' && remainingStartsWith('/')) {
            // 1. If c is "/" and remaining starts with "/": special authority ignore slashes state, pointer + 1.
            state = State.SPECIAL_AUTHORITY_IGNORE_SLASHES;
            pointer++;
        } else {
            // 2. Otherwise (validation error), set state to special authority ignore slashes state and decrease
            //    pointer by 1. This is why "ws:host/" and "ws:/host/" parse as "ws://host/".
            state = State.SPECIAL_AUTHORITY_IGNORE_SLASHES;
            pointer--;
        }
    }

    /** special authority ignore slashes state */
    private void specialAuthorityIgnoreSlashesState(int c) {
        // 1. If c is neither "/" nor "\", then set state to authority state and decrease pointer by 1.
        // 2. Otherwise, (validation error and) skip it.
        if (c != '/' && c != '\\') {
            state = State.AUTHORITY;
            pointer--;
        }
    }

    /** authority state */
    private void authorityState(int c) throws Failure {
        if (c == '@') {
            // 1.2. If atSignSeen is true, then prepend "%40" to buffer. 1.3. Set atSignSeen to true.
            if (atSignSeen) {
                buffer.insert(0, "%40");
            }
            atSignSeen = true;
            // 1.4. For each codePoint in buffer: the first ":" (if passwordTokenSeen is false) switches to the
            //      password; every other code point is UTF-8 percent-encoded with the userinfo percent-encode set
            //      and appended to url's password if passwordTokenSeen, else to url's username.
            StringBuilder username = new StringBuilder(url.username);
            StringBuilder password = new StringBuilder(url.password);
            int[] codePoints = buffer.codePoints().toArray();
            for (int codePoint : codePoints) {
                if (codePoint == ':' && !passwordTokenSeen) {
                    passwordTokenSeen = true;
                    continue;
                }
                StringBuilder target = passwordTokenSeen ? password : username;
                PercentEncoding.utf8PercentEncode(codePoint, EncodeSet.USERINFO, target);
            }
            url.username = username.toString();
            url.password = password.toString();
            // 1.5. Set buffer to the empty string.
            buffer.setLength(0);
        } else if (c == EOF || c == '/' || c == '?' || c == '#' || (url.isSpecial() && c == '\\')) {
            // 2.1. If atSignSeen is true and buffer is the empty string, host-missing validation error, return
            //      failure.
            if (atSignSeen && buffer.length() == 0) {
                throw new Failure("host-missing", "it has credentials but no host");
            }
            // 2.2. Decrease pointer by buffer's code point length + 1, set buffer to the empty string, and set
            //      state to host state.
            pointer -= buffer.codePointCount(0, buffer.length()) + 1;
            buffer.setLength(0);
            state = State.HOST;
        } else {
            // 3. Otherwise, append c to buffer.
            buffer.appendCodePoint(c);
        }
    }

    /** host state (the hostname state differs only under a state override) */
    private void hostState(int c) throws Failure {
        if (c == ':' && !insideBrackets) {
            // 2. If c is ":" and insideBrackets is false: the host ends and a port follows.
            if (buffer.length() == 0) {
                // 2.1. If buffer is the empty string, host-missing validation error, return failure.
                throw new Failure("host-missing", "it has a port but no host");
            }
            // 2.3.-2.5. Let host be the result of host parsing buffer with url is not special; set url's host,
            //           clear buffer, and set state to port state.
            url.host = HostParser.parse(buffer.toString(), !url.isSpecial());
            buffer.setLength(0);
            state = State.PORT;
        } else if (c == EOF || c == '/' || c == '?' || c == '#' || (url.isSpecial() && c == '\\')) {
            // 3. The host ends here: decrease pointer by 1, and then:
            pointer--;
            if (url.isSpecial() && buffer.length() == 0) {
                // 3.1. If url is special and buffer is the empty string, host-missing validation error, return
                //      failure.
                throw new Failure("host-missing", "a \"" + url.scheme + ":\" URL needs a host, and it has none");
            }
            // 3.3.-3.5. Host-parse buffer (with url is not special), set url's host, clear buffer, and set state
            //           to path start state.
            url.host = HostParser.parse(buffer.toString(), !url.isSpecial());
            buffer.setLength(0);
            state = State.PATH_START;
        } else {
            // 4. Otherwise: track "[" and "]" (so an IPv6 address's ":" does not start the port), append c.
            if (c == '[') {
                insideBrackets = true;
            }
            if (c == ']') {
                insideBrackets = false;
            }
            buffer.appendCodePoint(c);
        }
    }

    /** port state */
    private void portState(int c) throws Failure {
        if (isAsciiDigit(c)) {
            // 1. If c is an ASCII digit, append c to buffer.
            buffer.append((char) c);
        } else if (c == EOF || c == '/' || c == '?' || c == '#' || (url.isSpecial() && c == '\\')) {
            // 2.1. If buffer is not the empty string:
            if (buffer.length() > 0) {
                // 2.1.1.-2.1.2. Let port be the value of buffer in radix 10; if it is not a 16-bit unsigned
                //               integer, port-out-of-range validation error, return failure.
                int port = 0;
                for (int i = 0; i < buffer.length(); i++) {
                    port = port * 10 + (buffer.charAt(i) - '0');
                    if (port > 0xFFFF) {
                        throw new Failure("port-out-of-range", "its port " + buffer + " is greater than 65535");
                    }
                }
                // 2.1.3. Set url's port to null, if port is url's scheme's default port; otherwise to port.
                url.port = port == defaultPort(url.scheme) ? -1 : port;
                // 2.1.4. Set buffer to the empty string.
                buffer.setLength(0);
            }
            // 2.3. Set state to path start state and decrease pointer by 1.
            state = State.PATH_START;
            pointer--;
        } else {
            // 3. Otherwise, port-invalid validation error, return failure.
            throw new Failure("port-invalid", "its port contains " + describeCodePoint(c) + ", which is not a digit");
        }
    }

    // --- file -----------------------------------------------------------------------------------------------

    /** file state */
    private void fileState(int c) {
        // 1.-2. Set url's scheme to "file" and url's host to the empty string.
        url.scheme = "file";
        url.host = "";
        if (c == '/' || c == '\\') {
            // 3. If c is "/" or "\", then set state to file slash state.
            state = State.FILE_SLASH;
        } else if (base != null && base.scheme.equals("file")) {
            // 4.1. Set url's host to base's host, url's path to a clone of base's path, url's query to base's query.
            url.host = base.host;
            url.path = new ArrayList<>(base.path);
            url.query = base.query;
            if (c == '?') {
                url.query = "";
                state = State.QUERY;
            } else if (c == '#') {
                url.fragment = new StringBuilder();
                state = State.FRAGMENT;
            } else if (c != EOF) {
                // 4.4. Set url's query to null; shorten the path unless the rest starts with a Windows drive
                //      letter (then the path becomes empty); set state to path state, decrease pointer by 1.
                url.query = null;
                if (!startsWithWindowsDriveLetter(pointer)) {
                    shortenPath();
                } else {
                    url.path = new ArrayList<>();
                }
                state = State.PATH;
                pointer--;
            }
        } else {
            // 5. Otherwise, set state to path state, and decrease pointer by 1.
            state = State.PATH;
            pointer--;
        }
    }

    /** file slash state */
    private void fileSlashState(int c) {
        if (c == '/' || c == '\\') {
            // 1. If c is "/" or "\", then set state to file host state.
            state = State.FILE_HOST;
        } else {
            // 2.1. If base is a file URL: take its host, and its drive letter if the rest has none.
            if (base != null && base.scheme.equals("file")) {
                url.host = base.host;
                if (!startsWithWindowsDriveLetter(pointer) && !base.path.isEmpty()
                        && isNormalizedWindowsDriveLetter(base.path.get(0))) {
                    url.path.add(base.path.get(0));
                }
            }
            // 2.2. Set state to path state, and decrease pointer by 1.
            state = State.PATH;
            pointer--;
        }
    }

    /** file host state */
    private void fileHostState(int c) throws Failure {
        if (c == EOF || c == '/' || c == '\\' || c == '?' || c == '#') {
            pointer--;
            if (isWindowsDriveLetter(buffer)) {
                // 1.1. If buffer is a Windows drive letter, set state to path state (buffer is kept, for the path).
                state = State.PATH;
            } else if (buffer.length() == 0) {
                // 1.2. Otherwise, if buffer is the empty string: url's host is the empty host; path start state.
                url.host = "";
                state = State.PATH_START;
            } else {
                // 1.3. Otherwise: host-parse buffer (url is special), "localhost" becomes the empty host, set
                //      url's host, clear buffer, and set state to path start state.
                String host = HostParser.parse(buffer.toString(), false);
                url.host = host.equals("localhost") ? "" : host;
                buffer.setLength(0);
                state = State.PATH_START;
            }
        } else {
            // 2. Otherwise, append c to buffer.
            buffer.appendCodePoint(c);
        }
    }

    // --- path, query, fragment ------------------------------------------------------------------------------

    /** path start state */
    private void pathStartState(int c) {
        if (url.isSpecial()) {
            // 1. If url is special: set state to path state; unless c is "/" or "\", decrease pointer by 1.
            state = State.PATH;
            if (c != '/' && c != '\\') {
                pointer--;
            }
        } else if (c == '?') {
            // 2. Otherwise, if c is "?", set url's query to the empty string and state to query state.
            url.query = "";
            state = State.QUERY;
        } else if (c == '#') {
            // 3. Otherwise, if c is "#", set url's fragment to the empty string and state to fragment state.
            url.fragment = new StringBuilder();
            state = State.FRAGMENT;
        } else if (c != EOF) {
            // 4. Otherwise, if c is not the EOF code point: set state to path state; unless c is "/", decrease
            //    pointer by 1.
            state = State.PATH;
            if (c != '/') {
                pointer--;
            }
        }
    }

    /** path state */
    private void pathState(int c) {
        boolean slash = c == '/' || (url.isSpecial() && c == '\\');
        if (c == EOF || slash || c == '?' || c == '#') {
            // 1. The segment in buffer is complete.
            String segment = buffer.toString();
            if (isDoubleDotPathSegment(segment)) {
                // 1.2. If buffer is a double-dot URL path segment: shorten url's path, and if c is not a slash,
                //      append the empty string to url's path (so "/usr/.." gives "/").
                shortenPath();
                if (!slash) {
                    url.path.add("");
                }
            } else if (isSingleDotPathSegment(segment) && !slash) {
                // 1.3. Otherwise, if buffer is a single-dot URL path segment and c is not a slash, append the
                //      empty string to url's path.
                url.path.add("");
            } else if (!isSingleDotPathSegment(segment)) {
                // 1.4. Otherwise, if buffer is not a single-dot URL path segment: a Windows drive letter that is
                //      a file URL's first segment gets ":" as its second code point; append buffer to the path.
                if (url.scheme.equals("file") && url.path.isEmpty() && isWindowsDriveLetter(segment)) {
                    segment = segment.charAt(0) + ":";
                }
                url.path.add(segment);
            }
            // 1.5. Set buffer to the empty string.
            buffer.setLength(0);
            if (c == '?') {
                // 1.6. If c is "?", then set url's query to the empty string and state to query state.
                url.query = "";
                state = State.QUERY;
            }
            if (c == '#') {
                // 1.7. If c is "#", then set url's fragment to the empty string and state to fragment state.
                url.fragment = new StringBuilder();
                state = State.FRAGMENT;
            }
        } else {
            // 2.3. UTF-8 percent-encode c using the path percent-encode set and append the result to buffer.
            PercentEncoding.utf8PercentEncode(c, EncodeSet.PATH, buffer);
        }
    }

    /** opaque path state */
    private void opaquePathState(int c) {
        if (c == '?') {
            // 1. If c is "?", then set url's query to the empty string and state to query state.
            url.query = "";
            state = State.QUERY;
        } else if (c == '#') {
            // 2. Otherwise, if c is "#", then set url's fragment to the empty string and state to fragment state.
            url.fragment = new StringBuilder();
            state = State.FRAGMENT;
        } else if (c == ' ') {
            // 3. Otherwise, if c is U+0020 SPACE: "%20" if remaining starts with "?" or "#", else a space.
            url.opaquePath.append(remainingStartsWith('?') || remainingStartsWith('#') ? "%20" : " ");
        } else if (c != EOF) {
            // 4. Otherwise, if c is not the EOF code point, UTF-8 percent-encode c using the C0 control
            //    percent-encode set and append the result to url's path.
            PercentEncoding.utf8PercentEncode(c, EncodeSet.C0_CONTROL, url.opaquePath);
        }
    }

    /** query state (the encoding is always UTF-8 here: WebSocket URLs have no document encoding) */
    private void queryState(int c) {
        if (c == '#' || c == EOF) {
            // 2. If c is "#" or the EOF code point: percent-encode buffer after encoding (UTF-8) with the
            //    special-query percent-encode set if url is special, else the query percent-encode set, append
            //    the result to url's query, and set buffer to the empty string.
            EncodeSet queryPercentEncodeSet = url.isSpecial() ? EncodeSet.SPECIAL_QUERY : EncodeSet.QUERY;
            StringBuilder query = new StringBuilder(url.query);
            buffer.codePoints().forEach(cp -> PercentEncoding.utf8PercentEncode(cp, queryPercentEncodeSet, query));
            url.query = query.toString();
            buffer.setLength(0);
            if (c == '#') {
                // 2.4. If c is "#", then set url's fragment to the empty string and state to fragment state.
                url.fragment = new StringBuilder();
                state = State.FRAGMENT;
            }
        } else {
            // 3. Otherwise, if c is not the EOF code point, append c to buffer.
            buffer.appendCodePoint(c);
        }
    }

    /** fragment state */
    private void fragmentState(int c) {
        // 1. If c is not the EOF code point, UTF-8 percent-encode c using the fragment percent-encode set and
        //    append the result to url's fragment.
        if (c != EOF) {
            PercentEncoding.utf8PercentEncode(c, EncodeSet.FRAGMENT, url.fragment);
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------

    /** "shorten a url's path": remove the last segment, unless it is a file URL's only normalized drive letter. */
    private void shortenPath() {
        if (url.scheme.equals("file") && url.path.size() == 1 && isNormalizedWindowsDriveLetter(url.path.get(0))) {
            return;
        }
        if (!url.path.isEmpty()) {
            url.path.remove(url.path.size() - 1);
        }
    }

    /** "remaining starts with" a code point: the code point after the pointer is {@code c}. */
    private boolean remainingStartsWith(int c) {
        return pointer + 1 < input.length && input[pointer + 1] == c;
    }

    /** The code point substring from {@code from} to the end of input "starts with a Windows drive letter". */
    private boolean startsWithWindowsDriveLetter(int from) {
        int length = input.length - from;
        return length >= 2 && isAsciiAlpha(input[from]) && (input[from + 1] == ':' || input[from + 1] == '|')
                && (length == 2 || input[from + 2] == '/' || input[from + 2] == '\\' || input[from + 2] == '?'
                        || input[from + 2] == '#');
    }

    /** A "Windows drive letter": an ASCII alpha followed by ":" or "|". */
    private static boolean isWindowsDriveLetter(CharSequence s) {
        return s.length() == 2 && isAsciiAlpha(s.charAt(0)) && (s.charAt(1) == ':' || s.charAt(1) == '|');
    }

    /** A "normalized Windows drive letter": an ASCII alpha followed by ":". */
    private static boolean isNormalizedWindowsDriveLetter(String s) {
        return isWindowsDriveLetter(s) && s.charAt(1) == ':';
    }

    /** A "single-dot URL path segment": "." or an ASCII case-insensitive match for "%2e". */
    private static boolean isSingleDotPathSegment(String s) {
        return s.equals(".") || s.equalsIgnoreCase("%2e");
    }

    /** A "double-dot URL path segment": "..", or a case-insensitive ".%2e", "%2e." or "%2e%2e". */
    private static boolean isDoubleDotPathSegment(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "..", ".%2e", "%2e.", "%2e%2e" -> true;
            default -> false;
        };
    }

    /** A "special scheme": ftp, file, http, https, ws or wss. */
    static boolean isSpecialScheme(String scheme) {
        return switch (scheme) {
            case "ftp", "file", "http", "https", "ws", "wss" -> true;
            default -> false;
        };
    }

    /** A special scheme's "default port" (ftp 21, http and ws 80, https and wss 443), or -1 (null). */
    static int defaultPort(String scheme) {
        return switch (scheme) {
            case "ftp" -> 21;
            case "http", "ws" -> 80;
            case "https", "wss" -> 443;
            default -> -1;
        };
    }

    private static boolean isAsciiAlpha(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiAlphanumeric(int c) {
        return isAsciiAlpha(c) || isAsciiDigit(c);
    }

    /** "U+0020" followed by the character itself when it is printable, for messages. */
    static String describeCodePoint(int c) {
        String hex = String.format(Locale.ROOT, "U+%04X", c);
        return c > 0x20 && c != 0x7F && !Character.isISOControl(c) && !Character.isWhitespace(c)
                ? hex + " (" + new String(Character.toChars(c)) + ")" : hex;
    }
}
