package chipmix.cli.chips;

import chipmix.cli.OutputFormat;
import chipmix.validation.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Checks a command's {@code --format} against the formats it offers. */
final class Formats {
  private Formats() {}

  /** {@code text} and {@code table} are the same human-readable output. */
  static OutputFormat check(OutputFormat given, OutputFormat... offered) {
    OutputFormat f = given == OutputFormat.TEXT ? OutputFormat.TABLE : given;
    List<OutputFormat> allowed = Arrays.asList(offered);
    if (!allowed.contains(f)) {
      throw InvalidInputException.of("--format", "'" + given.name().toLowerCase(Locale.ROOT)
          + "' is not offered here; use one of " + String.join(", ",
              allowed.stream().map(o -> o.name().toLowerCase(Locale.ROOT)).toList()));
    }
    return f;
  }
}
