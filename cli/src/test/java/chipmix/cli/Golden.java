package chipmix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file assertions for help texts and reports, stored under
 * {@code src/test/resources/golden/}. Regenerating is opt-in: run the tests with
 * {@code -Dchipmix.golden.update=true}, then review the diff before committing.
 */
public final class Golden {
  private static final Path DIR = Path.of("src", "test", "resources", "golden");

  private Golden() {}

  public static void assertMatches(String name, String actual) {
    Path file = DIR.resolve(name);
    String normalized = actual.replace("\r\n", "\n");
    try {
      if (Boolean.getBoolean("chipmix.golden.update")) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, normalized, StandardCharsets.UTF_8);
        return;
      }
      if (!Files.exists(file)) {
        throw new AssertionError("golden file " + file + " is missing\n"
            + "Maybe run with -Dchipmix.golden.update=true once and review it. Actual output:\n" + normalized);
      }
      assertThat(normalized).as("output compared with golden file %s", file)
          .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
