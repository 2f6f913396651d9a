package chipmix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No report or answer the CLI prints shows a number in scientific notation (issue 15): the golden
 * files hold what users see. Help texts are left out: they show what may be typed ("15e12").
 */
class GoldenNumbersTest {
  private static final Pattern SCIENTIFIC = Pattern.compile("\\b\\d+(\\.\\d+)?[eE][+-]?\\d+\\b");

  @Test
  void goldenOutputs_haveNoScientificNotation() throws IOException {
    List<String> found;
    try (Stream<Path> files = Files.list(Path.of("src", "test", "resources", "golden"))) {
      found = files.filter(f -> !f.getFileName().toString().endsWith("-help.txt"))
          .flatMap(f -> lines(f).filter(l -> SCIENTIFIC.matcher(l).find()).map(l -> f.getFileName() + ": " + l))
          .toList();
    }
    assertThat(found).isEmpty();
  }

  private static Stream<String> lines(Path f) {
    try {
      return Files.readAllLines(f).stream();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
