package io.github.wsbridge.example.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsbridge.example.server.DeployedApp;
import io.github.wsbridge.example.server.DeployedWar;
import io.github.wsbridge.example.server.PayaraMicro;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The page in two real headless Chromium sessions against the WAR on a real Payara Micro: the browser's own
 * {@code WebSocket} talking to the chat, with the wsbridge bot in the room. Every test reloads both pages and ends with a
 * screenshot of each in {@code target/screenshots}, passed or failed.
 */
@ExtendWith(DeployedWar.class)
class ChatPageIT {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("example.screenshots", "target/screenshots"));
    private static final Duration BOT_WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger RUN = new AtomicInteger();

    private static DeployedApp server;
    private static ChromeDriver aliceBrowser;
    private static ChromeDriver bobBrowser;

    private ChatPage alice;
    private ChatPage bob;
    /** Names unique to the test, so that a closing socket of the previous page never holds a name. */
    private String a;
    private String b;

    @BeforeAll
    static void browsers(DeployedApp app) {
        server = app;
        aliceBrowser = Chromium.start();
        bobBrowser = Chromium.start();
    }

    @AfterAll
    static void quit() {
        for (ChromeDriver driver : new ChromeDriver[] {aliceBrowser, bobBrowser}) {
            if (driver != null) {
                driver.quit();
            }
        }
    }

    @BeforeEach
    void load() {
        int run = RUN.incrementAndGet();
        a = "alice" + run;
        b = "bob" + run;
        alice = new ChatPage(aliceBrowser, "alice");
        bob = new ChatPage(bobBrowser, "bob");
        alice.open(server.pageUri());
        bob.open(server.pageUri());
        // Earlier tests may have sent the bot away; every test starts with the bot in the room.
        alice.await("bot-state", "open"::equals, "the bot connected", BOT_WAIT);
    }

    @AfterEach
    void screenshots(TestInfo test) {
        String name = "ChatPageIT-" + test.getTestMethod().orElseThrow().getName();
        alice.screenshot(SCREENSHOTS, name);
        bob.screenshot(SCREENSHOTS, name);
    }

    @Test
    void twoBrowsersChatWithEachOtherAndWithTheBot() {
        alice.join(a);
        bob.join(b);
        alice.awaitLog("* " + b + " joined");
        String bobsWelcome = bob.awaitLog("* you are " + b + ";");
        assertTrue(bobsWelcome.contains(a) && bobsWelcome.contains("bot"), bobsWelcome);
        assertTrue(alice.text("members").contains(b), alice.text("members"));

        bob.say("hello " + a);
        alice.awaitLog(b + ": hello " + a);
        alice.say("hi " + b);
        bob.awaitLog(a + ": hi " + b);

        // bufferedAmount grows synchronously in send(): right after it, the message's bytes are still counted.
        int afterSend = Integer.parseInt(alice.text("buffered-after-send"));
        assertTrue(afterSend >= ("hi " + b).length(), "bufferedAmount right after send: " + afterSend);
        alice.await("buffered", "0"::equals, "bufferedAmount back at 0 once sent");

        bob.say("@bot ping");
        alice.awaitLog("bot: @" + b + " pong");
        bob.awaitLog("bot: @" + b + " pong");
        alice.say("bot: time");
        assertTrue(alice.awaitLog("bot: @" + a + " the server's clock says ").matches(".*\\d{4}-\\d\\d-\\d\\dT.*Z"));

        assertTrue(alice.text("bot-thread").endsWith("(managed thread: true)"), alice.text("bot-thread"));
    }

    @Test
    void pageShowsTheCloseTheServerStartedAndCanRejoin() {
        alice.join(a);
        bob.join(b);
        alice.awaitLog("* " + b + " joined");

        alice.askServerToClose("4000", "bye");
        alice.awaitLog("close code=4000 reason=bye wasClean=true");
        assertEquals("CLOSED", alice.text("state"));
        bob.awaitLog("* " + a + " left (4000)");

        alice.join(a);
        bob.awaitLog("* " + a + " joined");
        alice.say("back");
        bob.awaitLog(a + ": back");
    }

    @Test
    void overLongMessageIsStoppedByThePageAndThenByTheServer() {
        alice.join(a);
        String tooLong = "x".repeat(4097);

        alice.sayLong(tooLong);
        alice.awaitLog("! not sent: the message is 4097 bytes; the room accepts at most 4096");
        assertEquals("OPEN", alice.text("state"), "the page refused it; the socket is untouched");

        alice.skipLengthCheck(true);
        alice.sayLong(tooLong);
        String close = alice.awaitLog("close code=1009 ");
        assertTrue(close.endsWith("wasClean=true"), close);
        assertEquals("CLOSED", alice.text("state"));

        alice.skipLengthCheck(false);
        alice.join(a);
        alice.say("shorter now");
        alice.awaitLog(a + ": shorter now");
    }

    @Test
    void invalidCloseThrowsAndTheSocketStaysUsable() {
        alice.join(a);

        alice.closeFromPage("999", "nope");
        assertTrue(alice.awaitLog("InvalidAccessError: ").contains("999"), alice.log().toString());
        assertEquals("OPEN", alice.text("state"));

        alice.closeFromPage("1000", "r".repeat(124));
        alice.awaitLog("SyntaxError: ");
        assertEquals("OPEN", alice.text("state"));

        alice.askServerToClose("1005", "nope");
        alice.awaitLog("! server: a server cannot close with 1005");
        alice.say("still here");
        alice.awaitLog(a + ": still here");
        assertEquals("OPEN", alice.text("state"));

        alice.closeFromPage("1000", "done");
        alice.awaitLog("close code=1000 reason=done wasClean=true");
    }

    @Test
    void botShowsAnUnreachableUpstreamKeepsRetryingAndRecovers() {
        alice.join(a);
        String unreachable = "ws://127.0.0.1:" + PayaraMicro.freePort() + "/nobody-listens";

        alice.pointBotAt(unreachable);
        alice.awaitLog("* bot left (1000)");
        alice.await("bot-close", s -> s.startsWith("close code=1006 reason= wasClean=false"), "close 1006");
        alice.await("bot-error", s -> s.contains(unreachable), "an error about " + unreachable);
        alice.await("bot-failures", s -> Integer.parseInt(s) >= 2, "a second failed attempt");
        assertTrue(alice.text("bot-url").matches(Pattern.quote(unreachable) + "\\s+\\(retargeted\\)"),
                alice.text("bot-url"));

        alice.say("the chat goes on");
        alice.awaitLog(a + ": the chat goes on");
        alice.screenshot(SCREENSHOTS, "ChatPageIT-botShowsAnUnreachableUpstream-while-unreachable");

        alice.pointBotAt("ftp://example.org/");
        alice.await("bot-form-result", s -> s.startsWith("refused: not a WebSocket URL"), "the refusal");
        assertTrue(alice.text("bot-url").contains(unreachable), "a refused URL changes nothing");

        alice.botBackToDefault();
        alice.awaitLog("* bot joined");
        alice.await("bot-state", "open"::equals, "the bot connected again");
        alice.say("@bot ping");
        alice.awaitLog("bot: @" + a + " pong");
    }

    @Test
    void botShowsTheCloseItGotFromTheServerAndRejoins() {
        alice.join(a);
        alice.say("@bot rejoin");
        alice.awaitLog("* bot left (4000)");
        alice.awaitLog("* bot joined");
        alice.await("bot-close", s -> s.startsWith("close code=4000 reason=rejoin asked by " + a + " wasClean=true"),
                "the server's close");
        alice.await("bot-state", "open"::equals, "the bot connected again");
    }
}
