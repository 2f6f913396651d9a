package chipmix.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A sourced numeric value: a nominal figure with the low/high range the sources span (equal to
 * the nominal when they agree), the ids of the sources and a confidence. The unit is the
 * {@link Metric}'s. An unknown value is an absent {@code Spec}, never a zero or a -1.
 *
 * @param declaredSupport the support level the catalog file states ({@code support:}), if any;
 *     the level a value has is derived from its sources' kinds by {@link Catalog#support(Spec)},
 *     and a declared SECONDARY lowers it (the primary source does not state the value directly)
 */
public record Spec(double nominal, double low, double high, List<String> sources, Confidence confidence, String note,
    Optional<Support> declaredSupport) {
  public Spec {
    Objects.requireNonNull(confidence, "confidence");
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(declaredSupport, "declaredSupport");
    sources = List.copyOf(sources);
    if (!Double.isFinite(nominal) || !Double.isFinite(low) || !Double.isFinite(high)) {
      throw new IllegalArgumentException("spec values must be finite, got " + low + " <= " + nominal + " <= " + high);
    }
    if (!(low <= nominal && nominal <= high)) {
      throw new IllegalArgumentException("spec range must satisfy low <= nominal <= high, got low=" + low
          + " nominal=" + nominal + " high=" + high);
    }
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("a spec needs at least one source id\nMaybe cite the datasheet or dataset it came from.");
    }
  }

  /** A spec whose support is derived from its sources' kinds. */
  public Spec(double nominal, double low, double high, List<String> sources, Confidence confidence, String note) {
    this(nominal, low, high, sources, confidence, note, Optional.empty());
  }

  /** A value the sources agree on. */
  public static Spec exact(double value, String source, Confidence confidence) {
    return exact(value, source, confidence, "");
  }

  /** One known value with its source, confidence and a note (how it was obtained). */
  public static Spec exact(double value, String source, Confidence confidence, String note) {
    return new Spec(value, value, value, List.of(source), confidence, note);
  }

  public boolean isRange() {
    return low != high;
  }

  /** This spec with every bound multiplied by {@code factor} (for unit conversions and derived figures). */
  public Spec scaled(double factor) {
    if (factor < 0) {
      throw new IllegalArgumentException("scale factor must not be negative, got " + factor);
    }
    return new Spec(nominal * factor, low * factor, high * factor, sources, confidence, note, declaredSupport);
  }
}
