package chipmix.published;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A published run the performance models are checked against. Cases are data
 * ({@code chipmix/validation/*.yaml}) with a {@code kind}; each kind has its own record and its
 * own way to predict the published figure.
 */
public sealed interface PublishedCase permits TrainingCase {
  /** A family id: lower-case words joined by hyphens, naming the source and the hardware ({@code megatron-core-h100}). */
  Pattern FAMILY = Pattern.compile("[a-z0-9]+(?:[.-][a-z0-9]+)*");

  String id();

  String kind();

  /** Citation and evidence level as in calibration-cases.md. */
  String source();

  /** What the case was used for (see {@link Role}). */
  Role role();

  /**
   * The source and hardware the case comes from ({@code megatron-sc21-a100}): cases of one family
   * share their software, cluster and authors, so leave-one-family-out cross-validation holds them
   * out together.
   */
  String family();

  /**
   * What a case was used for, from most to least involved. Only {@code holdout} cases are evidence
   * the model has not seen.
   */
  enum Role {
    /** Its error entered the loss the chip's calibration constants were fitted to. */
    FIT,
    /** Not in the loss, but it chose between fits or settings (which constants to hold, which start point). */
    SELECTION,
    /** A mechanism of the model was developed or debugged against it. */
    DEVELOPMENT,
    /** Touched by no fit, selection or development. */
    HOLDOUT;

    /** The text form in case files and reports. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** {@code key} as in a case file, if it names a role. */
    public static java.util.Optional<Role> parse(String key) {
      for (Role r : values()) {
        if (r.key().equals(key)) {
          return java.util.Optional.of(r);
        }
      }
      return java.util.Optional.empty();
    }
  }
}
