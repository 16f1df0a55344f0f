package io.github.wsbridge.example.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CloseCommandTest {

    @Test
    void codeAndReason() {
        assertEquals(Optional.of(new CloseCommand(4000, "bye")), CloseCommand.parse("/close 4000 bye"));
        assertEquals(Optional.of(new CloseCommand(1000, "see you  later")),
                CloseCommand.parse("/close   1000 see you  later"));
        assertEquals(Optional.of(new CloseCommand(1001, "")), CloseCommand.parse("/close 1001"));
    }

    @Test
    void otherTextIsNotTheCommand() {
        assertEquals(Optional.empty(), CloseCommand.parse("hello"));
        assertEquals(Optional.empty(), CloseCommand.parse("/closed 4000"));
        assertFalse(CloseCommand.isCommand("/closer"));
        assertTrue(CloseCommand.isCommand("/close"));
    }

    @Test
    void codesAServerMayNotSendAreRefusedWithAMessage() {
        for (String code : new String[] {"999", "1004", "1005", "1006", "1015", "2999", "5000", "-1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CloseCommand.parse("/close " + code + " x"));
            assertTrue(e.getMessage().contains("cannot close with " + code), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CloseCommand.parse("/close"))
                .getMessage().startsWith("usage:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CloseCommand.parse("/close soon"))
                .getMessage().contains("'soon' is not a close code"));
    }

    @Test
    void reasonMustFitInACloseFrame() {
        assertEquals(123, CloseCommand.parse("/close 4000 " + "é".repeat(61) + "a").orElseThrow().reason()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CloseCommand.parse("/close 4000 " + "é".repeat(62)));
        assertEquals("the close reason is 124 bytes; at most 123 fit in a Close frame", e.getMessage());
    }
}
