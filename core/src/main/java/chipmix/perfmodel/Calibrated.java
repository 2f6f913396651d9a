package chipmix.perfmodel;

import chipmix.catalog.Confidence;
import java.util.Objects;

/** One calibration constant with where it came from (a fit to named cases, a datasheet, or the default). */
public record Calibrated(double value, String source, Confidence confidence) {
  public Calibrated {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(confidence, "confidence");
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException("calibration value must be finite and non-negative, got " + value);
    }
    if (source.isBlank()) {
      throw new IllegalArgumentException("calibration value " + value + " needs a source\nMaybe name the cases it was fitted to.");
    }
  }
}
