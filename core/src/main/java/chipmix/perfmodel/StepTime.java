package chipmix.perfmodel;

import chipmix.units.Seconds;
import java.util.Objects;

/**
 * One forward pass of a replica (a decode step or a prefill batch), term by term. Compute, memory
 * and the expert-parallel all-to-all overlap (the longest of them counts: roofline, with
 * DeepEP-style communication overlap); the tensor-parallel all-reduces and the fixed overhead add.
 */
public record StepTime(Seconds compute, Seconds memory, Seconds allToAll, Seconds tensorParallel, Seconds overhead) {
  public StepTime {
    Objects.requireNonNull(compute, "compute");
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(allToAll, "allToAll");
    Objects.requireNonNull(tensorParallel, "tensorParallel");
    Objects.requireNonNull(overhead, "overhead");
  }

  public Seconds total() {
    double overlapped = Math.max(compute.seconds(), Math.max(memory.seconds(), allToAll.seconds()));
    return new Seconds(overlapped + tensorParallel.seconds() + overhead.seconds());
  }

  /** Which overlapped term is the longest. */
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
