package chipmix.exportcontrol;

/** A chip parameter the rules test, with the unit of its thresholds. */
public enum Fact {
  TPP("TPP", "", "tpp"),
  PERFORMANCE_DENSITY("performance density", "", "pd"),
  IO_BANDWIDTH("aggregate bidirectional I/O bandwidth", "GB/s", "io"),
  MEMORY_BANDWIDTH("DRAM bandwidth", "GB/s", "memory_bandwidth"),
  INTERCONNECT_BANDWIDTH("interconnect bandwidth", "GB/s", "interconnect"),
  /** DRAM plus I/O bandwidth together (Intel's April 2025 letter: 1,700 GB/s or more combined). */
  MEMORY_PLUS_IO_BANDWIDTH("DRAM plus I/O bandwidth", "GB/s", "memory_plus_io");

  private final String label;
  private final String unit;
  private final String key;

  Fact(String label, String unit, String key) {
    this.label = label;
    this.unit = unit;
    this.key = key;
  }

  public String label() {
    return label;
  }

  public String unit() {
    return unit;
  }

  /** The stem of the YAML criterion keys ({@code tpp_at_least}, {@code tpp_below}). */
  public String key() {
    return key;
  }
}
