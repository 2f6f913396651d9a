package chipmix.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs the CLI in process, exactly as {@link Main} builds it, capturing exit code, stdout and
 * stderr. Use it in unit tests of commands; {@link JarRun} runs the packaged jar in *IT tests.
 */
public record CliRun(int exitCode, String out, String err) {

  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
      code = Cli.commandLine(o, e).execute(args);
    }
    return new CliRun(code, out.toString(), err.toString());
  }
}
