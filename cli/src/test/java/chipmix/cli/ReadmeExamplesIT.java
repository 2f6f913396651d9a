package chipmix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ./chipmix ...} line in the README's code blocks (but {@code server}) runs against the packaged jar and
 * succeeds, so the README stays true to the code. Paths are taken relative to the repository
 * root; an output file such as {@code report.html} or {@code rows.csv} is redirected into a temporary folder.
 */
class ReadmeExamplesIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> everyReadmeCommand_exitsZero() throws IOException {
    List<String> commands = readmeCommands();
    assertThat(commands).as("README commands").isNotEmpty();
    return commands.stream().map(line -> DynamicTest.dynamicTest(line, () -> {
      String[] args = arguments(line);
      JarRun r = JarRun.of(args);
      assertThat(r.exitCode()).as("exit code of %s%nstderr: %s", line, r.err()).isZero();
      assertThat(r.out()).as("output of %s", line).isNotBlank();
    }));
  }

  private List<String> readmeCommands() throws IOException {
    List<String> out = new ArrayList<>();
    boolean inCode = false;
    for (String line : Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8)) {
      if (line.startsWith("```")) {
        inCode = !inCode;
      } else if (inCode && line.startsWith("./chipmix ") && !line.startsWith("./chipmix server")
          && !line.contains("--engine spark")) {
        // `server` runs until stopped; ServerIT covers it. `--engine spark` needs the spark module's jars, not in the
        // CLI jar; SparkEngineTest (module spark) runs that engine.
        out.add(line.replaceAll("\\s+#.*$", "").strip());
      }
    }
    return out;
  }

  /** Splits on spaces (the README uses no quoting), resolves repository paths, redirects outputs. */
  private String[] arguments(String line) {
    List<String> args = new ArrayList<>(Arrays.asList(line.substring("./chipmix ".length()).split("\\s+")));
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.endsWith(".html") || a.endsWith(".csv") || a.endsWith(".parquet")) {
        args.set(i, tmp.resolve(a).toString());
      } else if (a.startsWith("examples/")) {
        args.set(i, ROOT.resolve(a).toString());
      }
    }
    return args.toArray(String[]::new);
  }
}
