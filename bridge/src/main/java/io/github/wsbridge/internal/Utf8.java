package io.github.wsbridge.internal;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 helpers for WebIDL's {@code USVString} conversion (WebIDL §3.2.11 "USVString": every unpaired surrogate becomes
 * U+FFFD) and for {@code bufferedAmount}'s "number of bytes needed to express the argument as UTF-8" (WHATWG WebSockets
 * §"send()").
 *
 * <p>Stateless and thread-safe. The hot path ({@link #encodedLength(CharSequence)}, {@link #toUsvString(String)}) does not
 * allocate for well-formed input.
 */
public final class Utf8 {

    private Utf8() {
    }

    /**
     * The string with every unpaired surrogate replaced by U+FFFD; the same instance when there is none.
     */
    public static String toUsvString(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return replaceUnpaired(s, i);
            }
        }
        return s;
    }

    private static String replaceUnpaired(String s, int firstBad) {
        StringBuilder out = new StringBuilder(s.length());
        out.append(s, 0, firstBad);
        int n = s.length();
        for (int i = firstBad; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The number of bytes of the UTF-8 encoding of the USVString conversion of {@code s}: an unpaired surrogate counts as
     * the 3 bytes of U+FFFD, a surrogate pair as 4.
     */
    public static long encodedLength(CharSequence s) {
        int n = s.length();
        long bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 2; // 2 chars, 4 bytes
                i++;
            } else {
                bytes += 2; // BMP char or unpaired surrogate (U+FFFD): 3 bytes
            }
        }
        return bytes;
    }

    /** The UTF-8 bytes of the USVString conversion of {@code s}. */
    public static byte[] encode(String s) {
        return toUsvString(s).getBytes(StandardCharsets.UTF_8);
    }
}
