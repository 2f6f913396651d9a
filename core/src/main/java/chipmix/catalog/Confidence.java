package chipmix.catalog;

/**
 * How far a value can be trusted. HIGH: vendor documentation or consistent datasets. MEDIUM: a
 * single dataset or press report. LOW: estimates, conflicts, roadmaps.
 */
public enum Confidence {
  HIGH,
  MEDIUM,
  LOW;

  /** The weaker of two confidences (a derived figure is as weak as its weakest input). */
  public Confidence weakest(Confidence other) {
    return this.ordinal() >= other.ordinal() ? this : other;
  }
}
