package chipmix.catalog;

import chipmix.validation.Limits;
import chipmix.validation.Range;

/** The accepted range of each catalog metric's figures (value, low and high), from {@link Limits}. */
public final class MetricRanges {
  private MetricRanges() {}

  public static Range of(Metric m) {
    return switch (m) {
      case DIE_AREA -> Limits.DIE_AREA_MM2;
      case BF16, FP16, FP8, FP4, TF32, FP32 -> Limits.TFLOPS;
      case INT8 -> Range.above(0, Limits.TFLOPS.max(), "TOPS", Limits.TFLOPS.why());
      case MEMORY_CAPACITY -> Limits.MEMORY_GB;
      case MEMORY_BANDWIDTH -> Limits.MEMORY_BANDWIDTH_TBS;
      case SCALE_UP_BANDWIDTH, IO_BANDWIDTH -> Limits.LINK_GBS;
      case SCALE_UP_DOMAIN -> Limits.SCALE_UP_DOMAIN;
      case SCALE_OUT_BANDWIDTH -> Limits.SCALE_OUT_GBPS;
      case TDP -> Limits.TDP_W;
      case PRICE -> Limits.DEVICE_PRICE_USD;
      case TPP_REPORTED -> Limits.TPP;
    };
  }
}
