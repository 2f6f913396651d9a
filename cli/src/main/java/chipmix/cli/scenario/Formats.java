package chipmix.cli.scenario;

import chipmix.validation.InvalidInputException;
import java.util.List;

/** The output formats the scenario commands offer. */
final class Formats {
  static final String TEXT = "text";
  static final String JSON = "json";
  static final List<String> ALL = List.of(TEXT, JSON);

  private Formats() {}

  static void check(String format) {
    if (!ALL.contains(format)) {
      throw InvalidInputException.of("--format", "'" + format + "' is not a format this command offers (use text or json)");
    }
  }
}
