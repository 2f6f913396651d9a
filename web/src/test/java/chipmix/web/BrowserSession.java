package chipmix.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A started web server and a headless Chromium pointed at it, shared by the browser tests of one class. Fails,
 * never skips, when the browser is missing ({@link Browser}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserSession {
  WebApp app;
  Browser browser;
  /** The server's root URL, {@code http://127.0.0.1:PORT/}. */
  String base;

  /** A loopback server on a free port with the bundled catalog and scenario engine, storing in {@code db}. */
  static WebApp.Settings bundledExample(java.nio.file.Path db) {
    return new WebApp.Settings("127.0.0.1", 0, db, chipmix.catalog.CatalogLoader.bundled(),
        PlannerEngine.bundled(PlannerEngineTest.CATALOG, java.util.List.of()));
  }

  /** Starts the server with {@code settings} and the browser. */
  void open(WebApp.Settings settings) {
    app = WebApp.start(settings);
    base = "http://127.0.0.1:" + app.port() + "/";
    browser = new Browser();
  }

  @AfterAll
  void close() {
    if (browser != null) {
      browser.close();
    }
    if (app != null) {
      app.close();
    }
  }

  /** Prints what the page logged and fails on a script error since the last call. */
  void assertNoScriptErrors() {
    String console = browser.console();
    if (!console.isEmpty()) {
      System.out.println("browser console:\n" + console);
    }
    // 4xx answers to deliberately bad input are logged as "Failed to load resource"; script errors are not.
    assertThat(console.lines().filter(l -> l.startsWith("SEVERE") && !l.contains("Failed to load resource")))
        .as("browser console errors").isEmpty();
  }
}
