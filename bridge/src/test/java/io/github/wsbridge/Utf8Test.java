package io.github.wsbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.wsbridge.internal.Utf8;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** USVString conversion and UTF-8 sizing (checklist items 33, 41). */
class Utf8Test {

    @Test
    void unpairedSurrogatesBecomeReplacementCharacters() {
        // WPT send/006
        assertEquals("a\uFFFDxb\uFFFDxc\uFFFD\uFFFDx", Utf8.toUsvString("a\uDC00xb\uD800xc\uDC00\uD800x"));
        assertEquals("\uFFFD", Utf8.toUsvString("\uD807"));
        String paired = "\uD801\uDC7E";
        assertSame(paired, Utf8.toUsvString(paired), "well-formed strings are returned as they are");
    }

    @Test
    void encodedLengthCountsUtf8Bytes() {
        // WPT bufferedAmount-getting: x, å, 匶, 𐑾 -> 1, 2, 3, 4 bytes
        assertEquals(1, Utf8.encodedLength("x"));
        assertEquals(2, Utf8.encodedLength("å"));
        assertEquals(3, Utf8.encodedLength("匶"));
        assertEquals(4, Utf8.encodedLength("\uD801\uDC7E"));
        assertEquals(12, Utf8.encodedLength("¥¥¥¥¥¥"), "WPT Send-unicode-data");
        assertEquals(3, Utf8.encodedLength("\uD800"), "an unpaired surrogate counts as U+FFFD");
        assertEquals(0, Utf8.encodedLength(""));
        String mixed = "aé匶\uD801\uDC7E\uDC00";
        assertEquals(Utf8.toUsvString(mixed).getBytes(StandardCharsets.UTF_8).length, Utf8.encodedLength(mixed));
    }
}
