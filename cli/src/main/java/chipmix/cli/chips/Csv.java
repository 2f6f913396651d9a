package chipmix.cli.chips;

import chipmix.cli.Tabular;
import java.util.List;

/** One RFC 4180 CSV line, written by {@link Tabular}'s CSV library (quotes where a field needs them). */
final class Csv {
  private Csv() {}

  static String line(List<String> fields) {
    return Tabular.line(fields);
  }
}
