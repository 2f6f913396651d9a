package chipmix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No report, answer, table or help text the CLI prints shows a number in scientific notation
 * (issue 15): the golden files, every one of them, hold what users see. The one use allowed is a
 * help text's example of what may be typed ("e.g. 15e12"), since the options accept it.
 */
class GoldenNumbersTest {
  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
  private static final Pattern SCIENTIFIC = Pattern.compile("\\b\\d+(\\.\\d+)?[eE][+-]?\\d+\\b");
  private static final Pattern TYPED_EXAMPLE = Pattern.compile("e\\.g\\. $");

  @Test
  void everyGoldenFile_hasNoScientificNotation() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(GOLDEN)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).as("golden files scanned").hasSizeGreaterThan(30)
        .anySatisfy(f -> assertThat(f.toString()).endsWith(".csv"))
        .anySatisfy(f -> assertThat(f.toString()).endsWith("-help.txt"));
    List<String> found = new ArrayList<>();
    for (Path f : files) {
      boolean help = f.getFileName().toString().endsWith("-help.txt");
      for (String line : Files.readAllLines(f)) {
        scientific(line, help).forEach(n -> found.add(GOLDEN.relativize(f) + ": " + n + " in: " + line.strip()));
      }
    }
    assertThat(found).isEmpty();
  }

  @Test
  void theScanFindsScientificNotationExceptATypedExampleInHelp() {
    assertThat(scientific("cost 1.86e+9 USD, 1.577E7 device-hours", false)).containsExactly("1.86e+9", "1.577E7");
    assertThat(scientific("Token budget (e.g. 15e12, 1.5T)", true)).isEmpty();
    assertThat(scientific("Token budget (e.g. 15e12, 1.5T)", false)).containsExactly("15e12");
    assertThat(scientific("default 3e9 tokens", true)).containsExactly("3e9");
    assertThat(scientific("h100-sxm 1,000,000 e5 fp8", false)).isEmpty();
  }

  /** The numbers in scientific notation on {@code line}; in a help text, not those written as a typed example. */
  private static List<String> scientific(String line, boolean help) {
    List<String> out = new ArrayList<>();
    Matcher m = SCIENTIFIC.matcher(line);
    while (m.find()) {
      if (!(help && TYPED_EXAMPLE.matcher(line.substring(0, m.start())).find())) {
        out.add(m.group());
      }
    }
    return out;
  }
}
