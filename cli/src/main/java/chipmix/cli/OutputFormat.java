package chipmix.cli;

import chipmix.validation.Issues;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Output formats shared by the commands (not every command offers every one). */
public enum OutputFormat {
  TEXT,
  TABLE,
  JSON,
  CSV;

  /**
   * Parses a {@code --format} value against the formats a command offers, case-insensitively;
   * {@code text} and {@code table} name the same human-readable output. A value the command does
   * not offer adds one problem naming {@code --format}, the value and the accepted formats (so it
   * is reported together with the command's other problems) and gives the first offered format.
   */
  public static OutputFormat parse(Issues issues, String given, OutputFormat... offered) {
    List<OutputFormat> allowed = Arrays.asList(offered);
    String v = given == null ? "" : given.trim().toLowerCase(Locale.ROOT);
    for (OutputFormat f : values()) {
      if (f.text().equals(v)) {
        OutputFormat human = f == TEXT && allowed.contains(TABLE) ? TABLE
            : f == TABLE && allowed.contains(TEXT) ? TEXT : f;
        if (allowed.contains(human)) {
          return human;
        }
      }
    }
    List<String> names = allowed.stream().map(OutputFormat::text).toList();
    String accepted = names.size() == 1 ? names.get(0)
        : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    issues.add("--format", "'" + given + "' is not offered here; use " + accepted);
    return offered[0];
  }

  /**
   * Parses a {@code --format} value as {@link #parse} does, but for a command whose format is its
   * only early check: a value the command does not offer is reported at once.
   */
  public static OutputFormat require(String given, OutputFormat... offered) {
    Issues issues = new Issues();
    OutputFormat f = parse(issues, given, offered);
    issues.throwIfAny();
    return f;
  }

  /** {@link #require} for the commands that offer text and json: whether json was asked for. */
  public static boolean json(String given) {
    return require(given, TEXT, JSON) == JSON;
  }

  /** Writes a command's answer, JSON on its own line or the text as it is, and flushes. */
  /** A JSON document as the CLI prints it: indented, no trailing newline. */
  public static String jsonText(com.fasterxml.jackson.databind.JsonNode node) {
    try {
      // the output boundary: a NaN, an infinity or a negative count is a bug (exit 4), never printed
      return PRETTY.writeValueAsString(chipmix.io.OutputCheck.checked(node));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** Reads back a JSON answer this CLI wrote (to lay it out as CSV); a failure is a bug, not bad input. */
  public static com.fasterxml.jackson.databind.JsonNode readJson(String json) {
    try {
      return PRETTY.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot read back the JSON answer", e);
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper PRETTY =
      new com.fasterxml.jackson.databind.ObjectMapper().enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

  public static void print(PrintWriter out, boolean json, Supplier<String> jsonText, Supplier<String> text) {
    if (json) {
      out.println(jsonText.get());
    } else {
      out.print(text.get());
    }
    out.flush();
  }

  /** The lower-case name users type. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }
}
