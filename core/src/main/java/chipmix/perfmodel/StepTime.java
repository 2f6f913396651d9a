package chipmix.perfmodel;

import chipmix.units.Seconds;
import java.util.Objects;

/**
 * One forward pass of a replica (a decode step or a prefill batch), term by term. Compute and
 * memory overlap (roofline: the longer counts; in a two-batch decode pass compute is the kernel
 * stream, each stage at the larger of its FLOPs and bytes, so it includes the memory time); the
 * expert-parallel all-to-all overlaps them too
 * when {@code allToAllOverlapped} (two-batch overlap: one micro-batch communicates while the other
 * computes), and adds otherwise; the tensor-parallel all-reduces, the fixed overhead (per step and
 * per layer) and the draft passes of speculative decoding add.
 *
 * @param overhead fixed time per forward pass: step overhead plus per-layer launch/synchronisation
 * @param draft time of the draft passes per verification pass (speculative decoding; zero without)
 */
public record StepTime(Seconds compute, Seconds memory, Seconds allToAll, Seconds tensorParallel, Seconds overhead,
    Seconds draft, boolean allToAllOverlapped) {
  public StepTime {
    Objects.requireNonNull(compute, "compute");
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(allToAll, "allToAll");
    Objects.requireNonNull(tensorParallel, "tensorParallel");
    Objects.requireNonNull(overhead, "overhead");
    Objects.requireNonNull(draft, "draft");
  }

  public Seconds total() {
    double roofline = Math.max(compute.seconds(), memory.seconds());
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
