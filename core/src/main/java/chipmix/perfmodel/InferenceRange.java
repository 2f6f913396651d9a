package chipmix.perfmodel;

/**
 * What an estimate becomes at the low and at the high end of the catalog's ranges for the chip's
 * rates (peaks, memory and link bandwidths), same layout and batch: where sources disagree, the
 * answer is a range too.
 *
 * @param basis what the range stands for (shown with it)
 */
public record InferenceRange(String basis, Interval ttftMs, Interval tpotMs, Interval prefillTokensPerSecondPerDevice,
    Interval decodeTokensPerSecondPerDevice, Interval outputTokensPerSecondPerDevice) {

  /** A closed interval, {@code low <= high}. */
  public record Interval(double low, double high) {
    public Interval {
      if (!(low <= high)) {
        throw new IllegalArgumentException("interval needs low <= high, got " + low + ", " + high);
      }
    }

    static Interval of(double a, double b) {
      return new Interval(Math.min(a, b), Math.max(a, b));
    }
  }
}
