package chipmix.perfmodel;

import java.util.Objects;

/**
 * The fixed costs of a forward pass and the kernel-size curve of one chip's serving stack, per
 * kernel class (never per model or case); {@code docs/inference-model.md} "Per-step model".
 *
 * <ul>
 *   <li>{@code kernelLatencyUs}: fixed time of one weight- or KV-streaming kernel on top of its
 *       bytes at the chip's decode memory ceiling: streaming {@code b} bytes takes
 *       {@code b / (ceiling · bandwidth) + latency}, i.e. efficiency {@code e(b) = ceiling · b / (b + h)}
 *       with {@code h = latency · ceiling · bandwidth} (small decode tiles are slow).</li>
 *   <li>{@code layerOverheadUs}: fixed time per layer and forward pass with graph capture (the
 *       norms, rotary, activation, router and quantisation kernels too small to stream anything).</li>
 *   <li>{@code layerOverheadEagerUs}: the same without graph capture (kernel launches on the host path).</li>
 *   <li>{@code decodeAttentionEfficiency}: fraction of the attention precision's peak that decode
 *       attention reaches when compute-bound (MLA decode in its absorbed form is).</li>
 *   <li>{@code allToAllLatencyUs}, {@code allToAllLatencyPerDoublingUs}: fixed latency of one
 *       expert dispatch or combine across nodes, {@code a + b · log2(nodes)}.</li>
 *   <li>{@code groupedGemmBlockRows}: rows of one block of the grouped expert GEMM; each local
 *       expert's tokens are computed in whole blocks, so an expert with few tokens costs a whole
 *       block ({@link #expectedPaddedRows}).</li>
 *   <li>{@code expertLoadImbalance}: the residual load of the busiest expert-parallel rank over the mean
 *       under expert-parallel load balancing (EPLB), measured with many tokens per rank; what per-batch
 *       routing fluctuation adds on top at few tokens per rank is derived ({@link #busiestRankLoad}).
 *       1: no residual (routing uniform in expectation). Every rank waits for the busiest at each MoE layer's dispatch and combine.</li>
 * </ul>
 */
public record StepCosts(Calibrated kernelLatencyUs, Calibrated layerOverheadUs, Calibrated layerOverheadEagerUs,
    Calibrated decodeAttentionEfficiency, Calibrated allToAllLatencyUs, Calibrated allToAllLatencyPerDoublingUs,
    Calibrated groupedGemmBlockRows, Calibrated expertLoadImbalance) {
  /** The residual load imbalance of uniform routing: every rank carries the mean. */
  public static final Calibrated UNIFORM_ROUTING = new Calibrated(1,
      "no residual imbalance stated: routing uniform in expectation (the busiest rank still carries routing's per-batch fluctuation)",
      chipmix.catalog.Confidence.LOW);

  public StepCosts {
    Objects.requireNonNull(kernelLatencyUs, "kernelLatencyUs");
    Objects.requireNonNull(layerOverheadUs, "layerOverheadUs");
    Objects.requireNonNull(layerOverheadEagerUs, "layerOverheadEagerUs");
    Objects.requireNonNull(decodeAttentionEfficiency, "decodeAttentionEfficiency");
    Objects.requireNonNull(allToAllLatencyUs, "allToAllLatencyUs");
    Objects.requireNonNull(allToAllLatencyPerDoublingUs, "allToAllLatencyPerDoublingUs");
    Objects.requireNonNull(groupedGemmBlockRows, "groupedGemmBlockRows");
    Objects.requireNonNull(expertLoadImbalance, "expertLoadImbalance");
    if (!(expertLoadImbalance.value() >= 1 && expertLoadImbalance.value() <= 10)) {
      throw new IllegalArgumentException("expert_load_imbalance must be between 1 (uniform routing) and 10, got "
          + expertLoadImbalance.value());
    }
    if (groupedGemmBlockRows.value() < 1) {
      throw new IllegalArgumentException("grouped_gemm_block_rows must be at least 1, got " + groupedGemmBlockRows.value());
    }
    if (decodeAttentionEfficiency.value() <= 0 || decodeAttentionEfficiency.value() > 1) {
      throw new IllegalArgumentException("decode_attention_efficiency must be in (0, 1], got " + decodeAttentionEfficiency.value());
    }
    if (kernelLatencyUs.value() <= 0) {
      throw new IllegalArgumentException("kernel_latency_us must be positive, got " + kernelLatencyUs.value());
    }
  }

  /** Seconds to stream {@code bytes} in {@code kernels} kernels at {@code ceiling · bandwidth}, each kernel with its fixed latency. */
  public double streamSeconds(double bytes, double kernels, double bandwidthBytesPerSecond, double ceiling) {
    if (bytes <= 0 || kernels <= 0) {
      return 0;
    }
    return bytes / (ceiling * bandwidthBytesPerSecond) + kernels * kernelLatencyUs.value() * 1e-6;
  }

  /**
   * Expected rows one expert's grouped-GEMM blocks compute when {@code meanTokens} token-expert pairs
   * reach it on average: {@code block · E[ceil(X / block)]}, X Poisson with that mean (uniform routing
   * of many tokens over many experts), the empty expert costing nothing. Equals the mean for
   * {@code block = 1}; tends to {@code block · P(X ≥ 1)} when few tokens reach an expert.
   */
  public double expectedPaddedRows(double meanTokens) {
    double block = groupedGemmBlockRows.value();
    if (meanTokens <= 0) {
      return 0;
    }
    if (block <= 1) {
      return meanTokens;
    }
    // E[ceil(X / b)] = sum over j >= 0 of P(X > j b)
    double sum = 0;
    for (int j = 0; ; j++) {
      double tail = poissonTailAbove(meanTokens, j * block);
      sum += tail;
      if (tail < 1e-9 && j * block > meanTokens) {
        break;
      }
    }
    return block * sum;
  }

  /** P(X > n) for X Poisson with mean {@code mu}: exact summation up to a mean of 200, the normal approximation above. */
  static double poissonTailAbove(double mu, double n) {
    if (mu > 200) {
      double z = (Math.floor(n) + 0.5 - mu) / Math.sqrt(mu);
      return 0.5 * erfc(z / Math.sqrt(2));
    }
    double term = Math.exp(-mu);
    double cdf = term;
    for (int i = 1; i <= Math.floor(n); i++) {
      term *= mu / i;
      cdf += term;
    }
    return Math.max(0, 1 - cdf);
  }

  /** Complementary error function (Numerical Recipes' erfcc, fractional error below 1.2e-7). */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }

  /**
   * Load of the busiest of {@code ranks} expert-parallel ranks over the mean, when each rank receives
   * {@code meanPairs} token-expert pairs on average: the residual imbalance {@code s}
   * ({@code expertLoadImbalance}, measured with many tokens per rank, where per-batch fluctuation is
   * negligible) plus the per-batch fluctuation of routing, {@code z(ranks) / sqrt(meanPairs)}: a rank's
   * pairs taken as Poisson (many tokens, each choosing a few of many experts), its standard deviation
   * {@code sqrt(meanPairs)} in the normal approximation, and {@code z(ranks)} the expected largest of
   * {@code ranks} standard normal draws ({@link #expectedMaxOfNormals}). 1 for one rank or no pairs.
   */
  public double busiestRankLoad(double meanPairs, int ranks) {
    if (ranks <= 1 || meanPairs <= 0) {
      return 1;
    }
    return expertLoadImbalance.value() + expectedMaxOfNormals(ranks) / Math.sqrt(meanPairs);
  }

  /**
   * The expected largest of {@code n} independent standard normal draws,
   * {@code ∫ x · n φ(x) Φ(x)^(n−1) dx}, integrated numerically (Simpson's rule over [−8, 8]); 0 for
   * one draw. Closed forms check it: {@code 1/√π} for two draws, {@code 3/(2√π)} for three.
   */
  static double expectedMaxOfNormals(int n) {
    if (n <= 1) {
      return 0;
    }
    int steps = 4000;
    double lo = -8;
    double hi = 8;
    double h = (hi - lo) / steps;
    double sum = 0;
    for (int i = 0; i <= steps; i++) {
      double x = lo + i * h;
      double pdf = Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
      double cdf = 0.5 * erfc(-x / Math.sqrt(2));
      double f = x * n * pdf * Math.pow(cdf, n - 1);
      sum += f * (i == 0 || i == steps ? 1 : (i % 2 == 1 ? 4 : 2));
    }
    return sum * h / 3;
  }

  /** Latency of one expert dispatch or combine spanning {@code nodes} nodes (1 node: none here; the scale-up latency applies). */
  public double allToAllLatencySeconds(double nodes) {
    if (nodes <= 1) {
      return 0;
    }
    return (allToAllLatencyUs.value() + allToAllLatencyPerDoublingUs.value() * Math.log(nodes) / Math.log(2)) * 1e-6;
  }
}
