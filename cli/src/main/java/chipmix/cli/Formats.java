package chipmix.cli;

import chipmix.validation.InvalidInputException;

/** Format option parsing for commands that offer text and JSON. */
final class Formats {
  private Formats() {}

  /** True for json, false for text; anything else is an input error naming --format. */
  static boolean jsonOrText(String format) {
    return switch (format.toLowerCase(java.util.Locale.ROOT)) {
      case "json" -> true;
      case "text" -> false;
      default -> throw InvalidInputException.of("--format", "'" + format + "' is not one of text, json");
    };
  }
}
