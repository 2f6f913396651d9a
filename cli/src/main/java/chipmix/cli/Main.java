package chipmix.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Process entry point. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new TerminalWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)), true);
    PrintWriter err = new PrintWriter(new TerminalWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8)), true);
    int code;
    try {
      code = Cli.commandLine(out, err).execute(args);
    } catch (OutOfMemoryError e) {
      // input files are capped (4 MiB) so this should not happen; if it does, a message, not a stack trace
      err.println("failed: out of memory (" + e.getMessage() + "); give the JVM more (CHIPMIX_JAVA_OPTS=-Xmx4g)"
          + " or a smaller input");
      code = ExitCode.FAILURE.code();
    }
    out.flush();
    err.flush();
    System.exit(code);
  }
}
