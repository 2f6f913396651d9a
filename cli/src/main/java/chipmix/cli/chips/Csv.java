package chipmix.cli.chips;

import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 CSV lines: fields with a comma, quote or line break are quoted. */
final class Csv {
  private Csv() {}

  static String line(List<String> fields) {
    return fields.stream().map(Csv::field).collect(Collectors.joining(",")) + "\n";
  }

  static String field(String f) {
    if (f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")) {
      return "\"" + f.replace("\"", "\"\"") + "\"";
    }
    return f;
  }
}
