package chipmix.validation;

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
 * The core's texts reach the CLI, the REST API and the web UI, so they name request fields by key
 * ({@link FieldRef}), never as a command-line option: a string literal in the core's sources that
 * holds {@code --some-option} would leak the CLI's words into the web.
 */
class CoreSpeaksFieldsTest {
  private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
  private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z]");
  private static final Pattern FIELD = Pattern.compile("`[a-z][a-z0-9]*(?:_[a-z0-9]+)*`");

  @Test
  void noCoreStringLiteralNamesACommandLineOption() throws IOException {
    Path sources = Path.of("src/main/java");
    assertThat(sources).isDirectory();
    List<String> found = new ArrayList<>();
    List<String> malformed = new ArrayList<>();
    int files;
    try (Stream<Path> walk = Files.walk(sources)) {
      List<Path> java = walk.filter(p -> p.toString().endsWith(".java")).toList();
      files = java.size();
      for (Path f : java) {
        List<String> lines = Files.readAllLines(f);
        for (int n = 0; n < lines.size(); n++) {
          Matcher m = LITERAL.matcher(lines.get(n));
          while (m.find()) {
            if (OPTION.matcher(m.group(1)).find()) {
              found.add(sources.relativize(f) + ":" + (n + 1) + ": " + m.group());
            }
            // a backtick that is not part of a snake_case field reference would not render as a field
            if (!f.endsWith("FieldRef.java") && FIELD.matcher(m.group(1)).replaceAll("").contains("`")) {
              malformed.add(sources.relativize(f) + ":" + (n + 1) + ": " + m.group());
            }
          }
        }
      }
    }
    assertThat(files).as("core source files scanned").isGreaterThan(100);
    assertThat(found).as("core texts that name CLI options instead of FieldRef keys").isEmpty();
    assertThat(malformed).as("core texts with a field reference that is not a snake_case key").isEmpty();
  }

  @Test
  void theScanCatchesAnOptionInALiteral() {
    Matcher m = LITERAL.matcher("issues.add(\"x\", \"use --tp 8 or less\");");
    assertThat(m.find()).isTrue();
    assertThat(m.find()).isTrue();
    assertThat(OPTION.matcher(m.group(1)).find()).isTrue();
    assertThat(OPTION.matcher("a--b and -- stay").find()).isFalse();
    assertThat(FIELD.matcher("use `tpot_ms` 41 or `seq-len`").replaceAll("")).isEqualTo("use  41 or `seq-len`");
  }
}
