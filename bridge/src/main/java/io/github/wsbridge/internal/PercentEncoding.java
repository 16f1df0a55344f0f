package io.github.wsbridge.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The URL Standard's §1.3 "Percent-encoded bytes": the percent-encode sets, UTF-8 percent-encode and
 * percent-decode. Only UTF-8 is supported as the output encoding, which is all the WebSocket constructor
 * needs (the query of a ws/wss URL, and of every special URL parsed outside a document, is UTF-8).
 */
final class PercentEncoding {

    /**
     * The percent-encode sets the basic URL parser uses. Every set also holds the C0 controls and every code
     * point above U+007E (~); {@link #extra} lists the ASCII code points each one adds on top of that.
     */
    enum EncodeSet {
        /** "C0 control percent-encode set": C0 controls and all code points greater than U+007E. */
        C0_CONTROL(""),
        /** "fragment percent-encode set": C0 control set and space " < > `. */
        FRAGMENT(" \"<>`"),
        /** "query percent-encode set": C0 control set and space " # < >. */
        QUERY(" \"#<>"),
        /** "special-query percent-encode set": the query set and '. */
        SPECIAL_QUERY(" \"#<>'"),
        /** "path percent-encode set": the query set and ? ^ ` { }. */
        PATH(" \"#<>?^`{}"),
        /** "userinfo percent-encode set": the path set and / : ; = @ [ to ^ (inclusive) |. */
        USERINFO(" \"#<>?^`{}/:;=@[\\]|");

        private final boolean[] ascii = new boolean[0x80];

        EncodeSet(String extra) {
            for (int c = 0; c < 0x20; c++) {
                ascii[c] = true;
            }
            extra.chars().forEach(c -> ascii[c] = true);
        }

        boolean contains(int codePoint) {
            return codePoint > 0x7E || ascii[codePoint];
        }
    }

    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    /**
     * "UTF-8 percent-encode" a scalar value using {@code set}, appending to {@code out}: the code point's UTF-8
     * bytes, each written as-is if its isomorphic code point is outside the set, else as "%XX" (upper hex).
     */
    static void utf8PercentEncode(int codePoint, EncodeSet set, StringBuilder out) {
        if (codePoint < 0x80) {
            if (set.contains(codePoint)) {
                percentEncode(codePoint, out);
            } else {
                out.append((char) codePoint);
            }
            return;
        }
        // Every non-ASCII byte is in every set, so each UTF-8 byte of a non-ASCII code point is encoded.
        if (codePoint < 0x800) {
            percentEncode(0xC0 | (codePoint >> 6), out);
        } else {
            if (codePoint < 0x10000) {
                percentEncode(0xE0 | (codePoint >> 12), out);
            } else {
                percentEncode(0xF0 | (codePoint >> 18), out);
                percentEncode(0x80 | ((codePoint >> 12) & 0x3F), out);
            }
            percentEncode(0x80 | ((codePoint >> 6) & 0x3F), out);
        }
        percentEncode(0x80 | (codePoint & 0x3F), out);
    }

    /** "UTF-8 percent-encode" a scalar value string using {@code set}. */
    static String utf8PercentEncode(String input, EncodeSet set) {
        StringBuilder out = new StringBuilder(input.length());
        input.codePoints().forEach(cp -> utf8PercentEncode(cp, set, out));
        return out.toString();
    }

    /** "percent-encode" a byte: U+0025 (%) followed by two ASCII upper hex digits. */
    private static void percentEncode(int b, StringBuilder out) {
        out.append('%').append(UPPER_HEX[(b >> 4) & 0xF]).append(UPPER_HEX[b & 0xF]);
    }

    /**
     * "percent-decode" a scalar value string: UTF-8 encode it, then replace every "%XX" (two ASCII hex digits)
     * with the byte it denotes. A "%" not followed by two hex digits stays as it is.
     */
    static byte[] percentDecode(String input) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i];
            if (b == '%' && i + 2 < bytes.length && isAsciiHexDigit(bytes[i + 1]) && isAsciiHexDigit(bytes[i + 2])) {
                out.write(Character.digit(bytes[i + 1], 16) << 4 | Character.digit(bytes[i + 2], 16));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    static boolean isAsciiHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    }
}
