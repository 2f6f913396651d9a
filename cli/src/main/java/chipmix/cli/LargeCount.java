package chipmix.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads large counts as people write them: {@code 15e12}, {@code 15000000000000}, or with a
 * suffix {@code K} (thousand), {@code M} (million), {@code B} or {@code G} (billion), {@code T}
 * (trillion), upper or lower case ({@code 1T}, {@code 14.8T}, {@code 800B}).
 */
public final class LargeCount implements ITypeConverter<Double> {
  @Override
  public Double convert(String value) {
    return parse(value);
  }

  static double parse(String value) {
    String v = value.trim().replace("_", "").replace(",", "");
    double scale = 1;
    if (!v.isEmpty()) {
      switch (Character.toUpperCase(v.charAt(v.length() - 1))) {
        case 'K' -> scale = 1e3;
        case 'M' -> scale = 1e6;
        case 'B', 'G' -> scale = 1e9;
        case 'T' -> scale = 1e12;
        default -> scale = 1;
      }
      if (scale != 1) {
        v = v.substring(0, v.length() - 1);
      }
    }
    try {
      double number = Double.parseDouble(v);
      if (!Double.isFinite(number) || v.toLowerCase(Locale.ROOT).matches(".*[a-df-z].*")) {
        throw new NumberFormatException(value);
      }
      return number * scale;
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a count (write 1.5e12, 1500000000000, 1.5T, 800B, 20M or 5K)");
    }
  }
}
