package chipmix.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium for end-to-end tests: Debian's {@code /usr/bin/chromium} driven by
 * {@code /usr/bin/chromedriver}, both given explicitly so Selenium Manager never downloads a
 * browser or driver. Missing packages fail the test with the command that installs them.
 */
final class Browser implements AutoCloseable {
  static final String CHROMIUM = System.getProperty("chipmix.chromium", "/usr/bin/chromium");
  static final String CHROMEDRIVER = System.getProperty("chipmix.chromedriver", "/usr/bin/chromedriver");

  final WebDriver driver;
  final WebDriverWait wait;
  private final Path profile;

  Browser() {
    for (String exe : new String[] {CHROMIUM, CHROMEDRIVER}) {
      if (!Files.isExecutable(Path.of(exe))) {
        throw new IllegalStateException("the browser test needs " + exe + ", which is missing"
            + "\nMaybe run: apt-get update && apt-get install -y chromium chromium-driver (.ci/run does this)");
      }
    }
    try {
      profile = Files.createTempDirectory("chipmix-chromium");
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a browser profile folder", e);
    }
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--no-first-run",
        "--disable-extensions", "--window-size=1400,1000", "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  WebElement find(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  void click(String css) {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
  }

  void waitForText(String css, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
  }

  /** The browser console since the last call (script errors show up here), one entry a line. */
  String console() {
    StringBuilder b = new StringBuilder();
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      b.append(e.getLevel()).append(' ').append(e.getMessage()).append('\n');
    }
    return b.toString();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a leftover temp profile is harmless
      }
    }
  }
}
