package chipmix.perfmodel;

import chipmix.units.Seconds;
import java.util.Objects;

/**
 * One forward pass of a replica (a decode step or a prefill batch), term by term. Compute and
 * memory overlap (roofline: the longer counts) only inside one kernel: the pass runs its kernels one
 * after another, so a compute-bound kernel (a GEMM at a large batch) cannot hide a memory-bound one
 * (decode attention over the KV cache). {@code kernelSerial} is what that adds to
 * {@code max(compute, memory)}: the per-kernel-class roofline {@code Σ max(compute_k, memory_k)} minus
 * the whole-pass one (LLM-Viewer's per-layer roofline, {@code hahnyuan/LLM-Viewer} {@code roofline_model.py},
 * sums each operator's own bound). The expert-parallel all-to-all overlaps them too
 * when {@code allToAllOverlapped} (two-batch overlap: one micro-batch communicates while the other
 * computes), and adds otherwise; the tensor-parallel all-reduces, the fixed overhead (per step and
 * per layer) and the draft passes of speculative decoding add.
 *
 * @param overhead fixed time per forward pass: step overhead plus per-layer launch/synchronisation
 * @param draft time of the draft passes per verification pass (speculative decoding; zero without)
 * @param kernelSerial time the kernel classes add over {@code max(compute, memory)} because a kernel bound
 *     by compute and one bound by memory run one after another (zero when every class has the same bound);
 *     in a two-batch decode pass the classes are the stages of both micro-batches
 */
public record StepTime(Seconds compute, Seconds memory, Seconds allToAll, Seconds tensorParallel, Seconds overhead,
    Seconds draft, boolean allToAllOverlapped, Seconds kernelSerial) {
  /** A pass whose kernel classes all share one bound (nothing serialised). */
  public StepTime(Seconds compute, Seconds memory, Seconds allToAll, Seconds tensorParallel, Seconds overhead,
      Seconds draft, boolean allToAllOverlapped) {
    this(compute, memory, allToAll, tensorParallel, overhead, draft, allToAllOverlapped, new Seconds(0));
  }

  /**
   * One kernel class of a pass: its time at its FLOPs ({@code compute}) and at its bytes ({@code memory}); the class
   * takes the longer of the two.
   */
  public record KernelClass(Seconds compute, Seconds memory) {
    public KernelClass {
      Objects.requireNonNull(compute, "compute");
      Objects.requireNonNull(memory, "memory");
    }

    /** A class from its two times in seconds. */
    public static KernelClass ofSeconds(double compute, double memory) {
      return new KernelClass(new Seconds(compute), new Seconds(memory));
    }
  }

  /**
   * The serialisation of kernel classes: {@code Σ max(compute_k, memory_k) − max(Σ compute_k, Σ memory_k)};
   * never negative.
   */
  public static Seconds kernelSerialOf(KernelClass... classes) {
    double perClass = 0;
    double compute = 0;
    double memory = 0;
    for (KernelClass k : classes) {
      perClass += Math.max(k.compute().seconds(), k.memory().seconds());
      compute += k.compute().seconds();
      memory += k.memory().seconds();
    }
    return new Seconds(Math.max(0, perClass - Math.max(compute, memory)));
  }

  public StepTime {
    Objects.requireNonNull(compute, "compute");
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(allToAll, "allToAll");
    Objects.requireNonNull(tensorParallel, "tensorParallel");
    Objects.requireNonNull(overhead, "overhead");
    Objects.requireNonNull(draft, "draft");
    Objects.requireNonNull(kernelSerial, "kernelSerial");
  }

  public Seconds total() {
    double roofline = Math.max(compute.seconds(), memory.seconds()) + kernelSerial.seconds();
    double overlapped = allToAllOverlapped ? Math.max(roofline, allToAll.seconds()) : roofline + allToAll.seconds();
    return new Seconds(overlapped + tensorParallel.seconds() + overhead.seconds() + draft.seconds());
  }

  /** Which of compute, memory and the all-to-all is the longest. */
  public Bound bound() {
    if (allToAll.seconds() > compute.seconds() && allToAll.seconds() > memory.seconds()) {
      return Bound.COMMUNICATION;
    }
    return compute.seconds() >= memory.seconds() ? Bound.COMPUTE : Bound.MEMORY;
  }

  /** What limits a forward pass. */
  public enum Bound {
    COMPUTE, MEMORY, COMMUNICATION;

    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
