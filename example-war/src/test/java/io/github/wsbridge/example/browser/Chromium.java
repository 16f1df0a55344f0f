package io.github.wsbridge.example.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium through ChromeDriver, both from Debian's packages ({@code chromium}, {@code chromium-driver}). The
 * paths are given to Selenium explicitly, so Selenium Manager never looks for (or downloads) a browser or driver.
 *
 * <p>Missing binaries fail the tests, they do not skip them: the browser tests are part of every {@code verify}.
 */
final class Chromium {

    private static final Path BINARY = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));

    private Chromium() {
    }

    /** A new headless browser session with a window large enough for readable screenshots. */
    static ChromeDriver start() {
        for (Path p : new Path[] {BINARY, DRIVER}) {
            if (!Files.isExecutable(p)) {
                fail(p + " is missing: the browser tests need Debian's Chromium and ChromeDriver. Install them with "
                        + "'apt-get install chromium chromium-driver' (.ci/run does this when they are missing).");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--no-first-run", "--window-size=1280,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);           // the page's console, for failure messages
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
