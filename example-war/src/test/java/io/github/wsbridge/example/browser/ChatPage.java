package io.github.wsbridge.example.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The example's page in one browser session, driven the way a person uses it (type, click, read), with bounded waits on
 * what the page shows. A timeout fails with what the page showed instead.
 */
final class ChatPage {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ChromeDriver driver;
    private final String who;

    ChatPage(ChromeDriver driver, String who) {
        this.driver = driver;
        this.who = who;
    }

    /** Loads the page afresh (closing the sockets of the previous load) and waits for its first bot status. */
    ChatPage open(URI page) {
        driver.get(page.toString());
        until(d -> !text("bot-state").equals("?"), "the bot's status");
        return this;
    }

    /** Joins the chat under {@code name} and waits for the welcome. */
    void join(String name) {
        WebElement field = driver.findElement(By.id("name"));
        field.clear();
        field.sendKeys(name);
        String welcome = "* you are " + name + ";";
        int before = count(welcome);
        driver.findElement(By.id("join")).click();
        awaitLog(welcome, before + 1);
    }

    /** Types {@code text} into the message field and presses Send. */
    void say(String text) {
        WebElement field = driver.findElement(By.id("text"));
        field.clear();
        field.sendKeys(text);
        driver.findElement(By.id("send")).click();
    }

    /** Puts a long text into the message field at once (typing thousands of keys is slow) and presses Send. */
    void sayLong(String text) {
        WebElement field = driver.findElement(By.id("text"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", field, text);
        driver.findElement(By.id("send")).click();
    }

    /** Sets the "skip the page's length check" box. */
    void skipLengthCheck(boolean skip) {
        WebElement box = driver.findElement(By.id("skip-check"));
        if (box.isSelected() != skip) {
            box.click();
        }
    }

    /** Fills in the page's close form and submits it: {@code ws.close(code, reason)}. */
    void closeFromPage(String code, String reason) {
        fill("close-code", code);
        fill("close-reason", reason);
        driver.findElement(By.id("close")).click();
    }

    /** Fills in the "ask the server to close" form and submits it. */
    void askServerToClose(String code, String reason) {
        fill("server-close-code", code);
        fill("server-close-reason", reason);
        driver.findElement(By.id("server-close")).click();
    }

    /** Points the bot at {@code url} with the page's form. */
    void pointBotAt(String url) {
        fill("bot-target", url);
        driver.findElement(By.id("bot-retarget")).click();
    }

    /** Presses "Back to default" in the bot panel. */
    void botBackToDefault() {
        driver.findElement(By.id("bot-default")).click();
    }

    /** The text of the element with this id. */
    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /** The event log's lines. */
    List<String> log() {
        return driver.findElements(By.cssSelector("#log li")).stream().map(WebElement::getText)
                .collect(Collectors.toList());
    }

    /** Waits until the log has a line starting with {@code prefix}; gives the first such line. */
    String awaitLog(String prefix) {
        return awaitLog(prefix, 1);
    }

    /** Waits until the log has {@code n} lines starting with {@code prefix}; gives the last of them. */
    String awaitLog(String prefix, int n) {
        until(d -> count(prefix) >= n, n + " log line(s) starting with '" + prefix + "'");
        List<String> matching = log().stream().filter(l -> l.startsWith(prefix)).collect(Collectors.toList());
        return matching.get(n - 1);
    }

    /** How many log lines start with {@code prefix}. */
    int count(String prefix) {
        return (int) log().stream().filter(l -> l.startsWith(prefix)).count();
    }

    /** Waits until the element with this id shows text that passes {@code condition}; gives that text. */
    String await(String id, Predicate<String> condition, String what) {
        return await(id, condition, what, WAIT);
    }

    /** As {@link #await(String, Predicate, String)}, with another timeout. */
    String await(String id, Predicate<String> condition, String what, Duration timeout) {
        String[] seen = new String[1];
        until(d -> condition.test(seen[0] = text(id)), "#" + id + " to show " + what, timeout);
        return seen[0];
    }

    /** Writes a screenshot to {@code dir/name-who.png}. */
    void screenshot(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Path png = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(png, dir.resolve(name + "-" + who + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString)
                .collect(Collectors.joining("\n  "));
    }

    private void fill(String id, String value) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    private void until(Function<WebDriver, Boolean> condition, String what) {
        until(condition, what, WAIT);
    }

    private void until(Function<WebDriver, Boolean> condition, String what, Duration timeout) {
        try {
            new WebDriverWait(driver, timeout, Duration.ofMillis(50)).until(condition::apply);
        } catch (TimeoutException e) {
            throw new AssertionError(who + "'s page did not show " + what + " within " + timeout.toSeconds()
                    + " s.\nreadyState " + text("state") + "; bot " + text("bot-state") + ", last close "
                    + text("bot-close") + ", last error " + text("bot-error") + "\nlog:\n  "
                    + String.join("\n  ", log()) + "\nconsole:\n  " + console(), e);
        }
    }
}
