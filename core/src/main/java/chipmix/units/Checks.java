package chipmix.units;

/** Shared argument checks for the quantity records. */
final class Checks {
  private Checks() {}

  static double nonNegativeFinite(String what, double value) {
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException(what + " must be a finite, non-negative number, got " + value);
    }
    return value;
  }
}
