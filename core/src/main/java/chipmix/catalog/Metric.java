package chipmix.catalog;


/**
 * A numeric fact about a chip, with its unit in the name and in {@link #unit()}. Compute rates
 * are dense (no 2:4 sparsity). Bandwidths follow the reference's conventions: HBM in TB/s;
 * scale-up link per chip in GB/s, bidirectional aggregate as vendors quote it; scale-out per
 * device in Gb/s (NIC line rate).
 */
public enum Metric {
  DIE_AREA("die_area_mm2", "mm²", "applicable die area (all logic dies)"),
  BF16("bf16_tflops", "TFLOP/s", "dense BF16 (or FP16 where only FP16 is given) matrix throughput"),
  FP16("fp16_tflops", "TFLOP/s", "dense FP16 matrix throughput, where it differs from BF16"),
  FP8("fp8_tflops", "TFLOP/s", "dense FP8 matrix throughput"),
  INT8("int8_tops", "TOPS", "dense INT8 matrix throughput"),
  FP4("fp4_tflops", "TFLOP/s", "dense FP4 (or MXFP4) matrix throughput"),
  TF32("tf32_tflops", "TFLOP/s", "dense TF32 matrix throughput"),
  FP32("fp32_tflops", "TFLOP/s", "FP32 vector (non-tensor) throughput"),
  MEMORY_CAPACITY("memory_gb", "GB", "device memory capacity"),
  MEMORY_BANDWIDTH("memory_bandwidth_tbs", "TB/s", "device memory (HBM/GDDR) bandwidth"),
  SCALE_UP_BANDWIDTH("scale_up_bandwidth_gbs", "GB/s", "scale-up link bandwidth per chip, bidirectional aggregate"),
  SCALE_UP_DOMAIN("scale_up_domain", "chips", "chips in one scale-up domain as typically sold"),
  SCALE_OUT_BANDWIDTH("scale_out_bandwidth_gbps", "Gb/s", "typical scale-out (NIC) bandwidth per device"),
  IO_BANDWIDTH("io_bandwidth_gbs", "GB/s", "aggregate bidirectional I/O bandwidth (EAR 3A090 2022 criterion)"),
  TDP("tdp_w", "W", "thermal design power"),
  PRICE("price_usd", "USD", "unit price where published"),
  TPP_REPORTED("tpp_reported", "bit-TOPS", "Total Processing Performance as published, where compute rates are not");

  private final String key;
  private final String unit;
  private final String description;

  Metric(String key, String unit, String description) {
    this.key = key;
    this.unit = unit;
    this.description = description;
  }

  /** The key in catalog YAML files and in JSON output. */
  public String key() {
    return key;
  }

  public String unit() {
    return unit;
  }

  public String description() {
    return description;
  }

  /** A short row label for tables ({@code BF16 dense}); the unit is shown separately. */
  public String label() {
    return switch (this) {
      case DIE_AREA -> "Die area";
      case BF16 -> "BF16 dense";
      case FP16 -> "FP16 dense";
      case FP8 -> "FP8 dense";
      case INT8 -> "INT8 dense";
      case FP4 -> "FP4 dense";
      case TF32 -> "TF32 dense";
      case FP32 -> "FP32 vector";
      case MEMORY_CAPACITY -> "Memory";
      case MEMORY_BANDWIDTH -> "Memory bandwidth";
      case SCALE_UP_BANDWIDTH -> "Scale-up bandwidth";
      case SCALE_UP_DOMAIN -> "Scale-up domain";
      case SCALE_OUT_BANDWIDTH -> "Scale-out per device";
      case IO_BANDWIDTH -> "I/O bandwidth";
      case TDP -> "TDP";
      case PRICE -> "Price";
      case TPP_REPORTED -> "TPP as published";
    };
  }
}
