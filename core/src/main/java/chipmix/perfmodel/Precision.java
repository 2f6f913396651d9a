package chipmix.perfmodel;

import chipmix.catalog.Metric;

/** Compute precision of the matmuls, with the catalog metric giving its dense peak and the bytes per element. */
public enum Precision {
  BF16(Metric.BF16, 2),
  FP8(Metric.FP8, 1),
  INT8(Metric.INT8, 1),
  INT4(Metric.FP4, 0.5);

  private final Metric peakMetric;
  private final double bytes;

  Precision(Metric peakMetric, double bytes) {
    this.peakMetric = peakMetric;
    this.bytes = bytes;
  }

  /** The catalog metric holding this precision's dense peak (INT4 uses the FP4 rate, which vendors quote for the same units). */
  public Metric peakMetric() {
    return peakMetric;
  }

  public double bytesPerElement() {
    return bytes;
  }
}
