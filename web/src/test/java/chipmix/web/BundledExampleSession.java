package chipmix.web;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link BrowserSession} on a server with the bundled catalog and scenario engine, storing in a temporary
 * directory; every test fails on a script error the page logged. The browser tests of the main flows share it.
 */
abstract class BundledExampleSession extends BrowserSession {
  @BeforeAll
  void startBundledExample(@TempDir Path dir) {
    open(bundledExample(dir.resolve("ui.db")));
  }

  @AfterEach
  void failOnScriptErrors() {
    assertNoScriptErrors();
  }
}
