package chipmix.published;

/**
 * A published run the performance models are checked against. Cases are data
 * ({@code chipmix/validation/*.yaml}) with a {@code kind}; each kind has its own record and its
 * own way to predict the published figure.
 */
public sealed interface PublishedCase permits TrainingCase {
  String id();

  String kind();

  /** Citation and evidence level as in calibration-cases.md. */
  String source();

  /** {@code fit}: used to obtain the chip's calibration; {@code holdout}: not used in any fit. */
  Role role();

  enum Role { FIT, HOLDOUT }
}
