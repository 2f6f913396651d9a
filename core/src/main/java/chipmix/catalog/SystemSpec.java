package chipmix.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A node or pod built from one chip: what the performance model needs about topology.
 *
 * @param devicesPerNode devices sharing one host/board
 * @param scaleUpDomain devices in one scale-up (NVLink/HCCS/ICI/UB) domain; tensor parallelism stays inside it
 * @param scaleUpBandwidth per-device scale-up bandwidth in GB/s, bidirectional aggregate (as {@link Metric#SCALE_UP_BANDWIDTH})
 * @param scaleOutBandwidth per-device scale-out bandwidth in Gb/s (as {@link Metric#SCALE_OUT_BANDWIDTH})
 */
public record SystemSpec(
    String id,
    String name,
    String chipId,
    int devicesPerNode,
    int scaleUpDomain,
    Spec scaleUpBandwidth,
    Optional<Spec> scaleOutBandwidth,
    List<String> sources,
    String notes) {

  public SystemSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(chipId, "chipId");
    Objects.requireNonNull(scaleUpBandwidth, "scaleUpBandwidth");
    Objects.requireNonNull(scaleOutBandwidth, "scaleOutBandwidth");
    Objects.requireNonNull(notes, "notes");
    if (devicesPerNode < 1) {
      throw new IllegalArgumentException("devicesPerNode must be at least 1, got " + devicesPerNode + " (system " + id + ")");
    }
    if (scaleUpDomain < 1) {
      throw new IllegalArgumentException("scaleUpDomain must be at least 1, got " + scaleUpDomain + " (system " + id + ")");
    }
    sources = List.copyOf(sources);
  }
}
