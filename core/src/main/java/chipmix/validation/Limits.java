package chipmix.validation;

/**
 * The documented range of every kind of numeric input (README "Numbers and limits"). The bounds
 * are sanity bounds, not claims about any product: wide enough for any real chip, fleet or
 * price (each note says how far above the largest catalog or published figure they sit), narrow
 * enough that the arithmetic built on them stays finite and counts stay far inside {@code int}.
 */
public final class Limits {
  private Limits() {}

  // ------------------------------------------------------------------ fleets and workloads

  /** Devices in a fleet, pool, order, delivery or training run. */
  public static final Range DEVICES = Range.whole(1, 10_000_000, "devices",
      "ten million: far above any fleet one buyer runs; counts and their products stay exact in long arithmetic");
  /** Devices a delivery may carry (0 is a delivery that did not happen). */
  public static final Range DELIVERY_DEVICES = Range.whole(0, 10_000_000, "devices", "as for devices, 0 allowed");
  /** Tokens per training sequence. */
  public static final Range SEQUENCE_LENGTH = Range.whole(1, 10_000_000, "tokens",
      "ten million tokens");
  /** Sequences per training step. */
  public static final Range GLOBAL_BATCH = Range.whole(1, 100_000_000, "sequences",
      "a hundred million sequences; the published runs chipmix validates use at most 15,360");
  /** A training run's token budget. */
  public static final Range TRAINING_TOKENS = Range.above(0, 1e16, "tokens",
      "1e16, about 675 times the 14.8 trillion tokens of DeepSeek-V3");
  /** Prompt or output tokens of one request. */
  public static final Range REQUEST_TOKENS = Range.whole(1, 10_000_000, "tokens", "as for the sequence length");
  /** Peak requests per second of a serving demand (the scenario's monthly values may be 0). */
  public static final Range REQUESTS_PER_SECOND = Range.of(0, 1e9, "requests/s",
      "a billion requests per second; the sizing then reports what no fleet of at most "
          + "ten million devices can serve as unmet");
  /** A serving demand given as output tokens per day. */
  public static final Range OUTPUT_TOKENS_PER_DAY = Range.above(0, 1e17, "tokens/day",
      "1e17 output tokens a day, about a billion requests per second of a thousand tokens");
  /** A latency target (time to first token, time per output token). */
  public static final Range LATENCY_MS = Range.above(0, 3_600_000, "ms", "one hour");

  // ------------------------------------------------------------------ costs and facility

  /** Power usage effectiveness: facility power over IT power. */
  public static final Range PUE = Range.of(1, 3, "",
      "1 is the floor (a facility cannot use less power than its IT load); 3 means twice the IT load in overhead");
  /** Electricity price. */
  public static final Range USD_PER_KWH = Range.of(0, 10, "USD/kWh",
      "ten dollars per kWh, well above any retail tariff; 0 for power someone else pays");
  /** Years over which device prices are spread. */
  public static final Range AMORTIZATION_YEARS = Range.of(0.1, 30, "years",
      "a month and a bit to thirty years; shorter would charge a device's whole price to a few hours");
  /** The price of one device (or of a catalog chip). */
  public static final Range DEVICE_PRICE_USD = Range.above(0, 1e8, "USD",
      "a hundred million dollars per device, thousands of times the dearest catalog chip");
  /** The cost of one device-hour when rented. */
  public static final Range DEVICE_HOUR_USD = Range.above(0, 1e4, "USD",
      "ten thousand dollars per device-hour");

  // ------------------------------------------------------------------ time

  /** Days a delivery slips. */
  public static final Range SLIP_DELAY_DAYS = Range.whole(0, 3_650, "days",
      "ten years, the longest horizon a scenario may have; a later delivery is outside every horizon");

  // ------------------------------------------------------------------ chip figures

  /** Network (scale-out) bandwidth per device. */
  public static final Range SCALE_OUT_GBPS = Range.above(0, 1e6, "Gb/s",
      "a million Gb/s, two thousand times the largest catalog scale-out figure (500 Gb/s)");
  /** Scale-up or I/O bandwidth per chip. */
  public static final Range LINK_GBS = Range.above(0, 1e6, "GB/s",
      "a million GB/s, hundreds of times the largest catalog figure (2,300 GB/s)");
  /** Device memory bandwidth. */
  public static final Range MEMORY_BANDWIDTH_TBS = Range.above(0, 1e5, "TB/s",
      "100,000 TB/s, over ten thousand times the largest catalog HBM figure (8 TB/s), room for on-wafer SRAM");
  /** Device memory bandwidth in GB/s (the command line's unit). */
  public static final Range MEMORY_BANDWIDTH_GBS = Range.above(0, 1e8, "GB/s", "as MEMORY_BANDWIDTH_TBS, in GB/s");
  /** A compute rate (TFLOP/s or TOPS). */
  public static final Range TFLOPS = Range.above(0, 1e6, "TFLOP/s",
      "an exaFLOP/s per device, 200 times the largest catalog figure (5,000)");
  /** Total Processing Performance (bit-TOPS). */
  public static final Range TPP = Range.above(0, 1e8, "bit-TOPS",
      "1e8, 2,500 times the largest catalog TPP (40,000)");
  /** Applicable die area. */
  public static final Range DIE_AREA_MM2 = Range.above(0, 70_686, "mm²",
      "the area of a whole 300 mm wafer (pi x 150 mm x 150 mm = 70,686 mm²)");
  /** Device memory capacity. */
  public static final Range MEMORY_GB = Range.above(0, 1e6, "GB", "a petabyte, thousands of times the largest catalog figure (288 GB)");
  /** Device power. */
  public static final Range TDP_W = Range.above(0, 1e6, "W", "a megawatt, hundreds of times the largest catalog TDP (1,200 W)");
  /** Chips in one scale-up domain. */
  public static final Range SCALE_UP_DOMAIN = Range.whole(1, 1_000_000, "chips",
      "a million, a hundred times the largest catalog domain (8,960 TPU v5p)");
}
