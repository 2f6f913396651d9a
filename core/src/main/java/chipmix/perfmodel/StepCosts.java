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
 * </ul>
 */
public record StepCosts(Calibrated kernelLatencyUs, Calibrated layerOverheadUs, Calibrated layerOverheadEagerUs,
    Calibrated decodeAttentionEfficiency, Calibrated allToAllLatencyUs, Calibrated allToAllLatencyPerDoublingUs) {
  public StepCosts {
    Objects.requireNonNull(kernelLatencyUs, "kernelLatencyUs");
    Objects.requireNonNull(layerOverheadUs, "layerOverheadUs");
    Objects.requireNonNull(layerOverheadEagerUs, "layerOverheadEagerUs");
    Objects.requireNonNull(decodeAttentionEfficiency, "decodeAttentionEfficiency");
    Objects.requireNonNull(allToAllLatencyUs, "allToAllLatencyUs");
    Objects.requireNonNull(allToAllLatencyPerDoublingUs, "allToAllLatencyPerDoublingUs");
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

  /** Latency of one expert dispatch or combine spanning {@code nodes} nodes (1 node: none here; the scale-up latency applies). */
  public double allToAllLatencySeconds(double nodes) {
    if (nodes <= 1) {
      return 0;
    }
    return (allToAllLatencyUs.value() + allToAllLatencyPerDoublingUs.value() * Math.log(nodes) / Math.log(2)) * 1e-6;
  }
}
