package chipmix.perfmodel;

import chipmix.catalog.Chip;
import chipmix.catalog.Metric;
import chipmix.catalog.Spec;
import chipmix.catalog.SystemSpec;
import chipmix.units.ByteRate;
import chipmix.units.Bytes;
import chipmix.units.FlopRate;
import chipmix.units.Usd;
import chipmix.units.Watts;
import chipmix.validation.Issues;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A device as the performance models see it: the catalog chip's sourced figures, the node/pod
 * topology of its system and the chip's calibration. Nominal values drive the model; the catalog
 * {@link Spec}s are kept so results can show the low/high range they imply.
 *
 * @param vendor the chip vendor as the catalog states it (picks the default framework recipe, {@link Recipes#defaultFor})
 * @param peaks dense peak per precision, in TFLOP/s (the catalog spec)
 * @param memoryGb device memory in GB
 * @param memoryBandwidthTbs HBM bandwidth in TB/s
 * @param scaleUpBandwidthGbs scale-up bandwidth in GB/s, bidirectional aggregate as the catalog states it
 * @param scaleOutBandwidthGbps per-device scale-out bandwidth in Gb/s, if the catalog or the user states it
 */
public record Hardware(
    String chipId,
    String chipName,
    String vendor,
    String systemId,
    Map<Precision, Spec> peaks,
    Spec memoryGb,
    Spec memoryBandwidthTbs,
    int devicesPerNode,
    int scaleUpDomain,
    Spec scaleUpBandwidthGbs,
    Optional<Spec> scaleOutBandwidthGbps,
    Optional<Spec> tdpW,
    Optional<Spec> priceUsd,
    Calibration calibration) {

  public Hardware {
    Objects.requireNonNull(chipId, "chipId");
    Objects.requireNonNull(memoryGb, "memoryGb");
    Objects.requireNonNull(memoryBandwidthTbs, "memoryBandwidthTbs");
    Objects.requireNonNull(scaleUpBandwidthGbs, "scaleUpBandwidthGbs");
    Objects.requireNonNull(calibration, "calibration");
    peaks = Map.copyOf(new EnumMap<>(peaks));
    if (!peaks.containsKey(Precision.BF16)) {
      throw new IllegalArgumentException("hardware " + chipId + " needs a BF16 peak");
    }
  }

  /**
   * The profile of {@code chip} in {@code system}. A chip lacking a figure the model needs
   * (BF16 peak, memory, memory bandwidth) is an input error naming the metric.
   */
  public static Hardware of(Chip chip, SystemSpec system, Calibration calibration) {
    Issues issues = new Issues();
    for (Metric m : new Metric[] {Metric.BF16, Metric.MEMORY_CAPACITY, Metric.MEMORY_BANDWIDTH}) {
      if (!chip.has(m)) {
        issues.add("`chip`", "chip " + chip.id() + " has no " + m.key() + " in the catalog; the performance model needs "
            + m.description() + " (add it with `catalog` FILE)");
      }
    }
    issues.throwIfAny();
    Map<Precision, Spec> peaks = new EnumMap<>(Precision.class);
    for (Precision p : Precision.values()) {
      chip.spec(p.peakMetric()).ifPresent(s -> peaks.put(p, s));
    }
    return new Hardware(chip.id(), chip.name(), chip.vendor(), system.id(), peaks, chip.spec(Metric.MEMORY_CAPACITY).orElseThrow(),
        chip.spec(Metric.MEMORY_BANDWIDTH).orElseThrow(), system.devicesPerNode(), system.scaleUpDomain(),
        system.scaleUpBandwidth(), system.scaleOutBandwidth().or(() -> chip.spec(Metric.SCALE_OUT_BANDWIDTH)),
        chip.spec(Metric.TDP), chip.spec(Metric.PRICE), calibration);
  }

  /** This profile with the per-device scale-out bandwidth replaced (a user override, in Gb/s). */
  public Hardware withScaleOutGbps(Spec gbps) {
    return new Hardware(chipId, chipName, vendor, systemId, peaks, memoryGb, memoryBandwidthTbs, devicesPerNode, scaleUpDomain,
        scaleUpBandwidthGbs, Optional.of(gbps), tdpW, priceUsd, calibration);
  }

  /** True when any figure the model uses is a range in the catalog. */
  public boolean hasRanges() {
    return peaks.values().stream().anyMatch(Spec::isRange) || memoryBandwidthTbs.isRange() || scaleUpBandwidthGbs.isRange()
        || scaleOutBandwidthGbps.map(Spec::isRange).orElse(false);
  }

  /** This profile with every rate at the low (or high) end of its catalog range; capacity stays nominal. */
  public Hardware atBound(boolean high) {
    Map<Precision, Spec> p = new EnumMap<>(Precision.class);
    peaks.forEach((k, v) -> p.put(k, bound(v, high)));
    return new Hardware(chipId, chipName, vendor, systemId, p, memoryGb, bound(memoryBandwidthTbs, high), devicesPerNode,
        scaleUpDomain, bound(scaleUpBandwidthGbs, high), scaleOutBandwidthGbps.map(s -> bound(s, high)), tdpW, priceUsd,
        calibration);
  }

  private static Spec bound(Spec s, boolean high) {
    double v = high ? s.high() : s.low();
    return new Spec(v, v, v, s.sources(), s.confidence(), s.note());
  }

  public boolean supports(Precision p) {
    return peaks.containsKey(p);
  }

  /** Nominal dense peak at {@code p}. */
  public FlopRate peak(Precision p) {
    Spec s = peaks.get(p);
    if (s == null) {
      throw new IllegalArgumentException("chip " + chipId + " has no " + p + " peak in the catalog\nMaybe check supports(p) first.");
    }
    return FlopRate.ofTera(s.nominal());
  }

  /**
   * Device memory in bytes. Vendors quote DRAM capacity in binary units written "GB": DRAM dies
   * come in power-of-two densities (16 Gbit), so an "80 GB" HBM3 part holds 5 stacks of 16 GiB
   * = 80 GiB, of which the driver reports about 79.6 GiB usable. Reading the figure as 10^9 bytes
   * would understate every chip's capacity by 7%.
   */
  public Bytes memory() {
    return Bytes.ofGiB(memoryGb.nominal());
  }

  public ByteRate memoryBandwidth() {
    return ByteRate.ofTB(memoryBandwidthTbs.nominal());
  }

  /** Scale-up bandwidth per direction (half the bidirectional aggregate). */
  public ByteRate scaleUpPerDirection() {
    return ByteRate.ofGB(scaleUpBandwidthGbs.nominal() / 2);
  }

  /** Scale-out bandwidth per device per direction (NIC line rate). */
  public Optional<ByteRate> scaleOutPerDevice() {
    return scaleOutBandwidthGbps.map(s -> ByteRate.ofGbit(s.nominal()));
  }

  public Optional<Watts> tdp() {
    return tdpW.map(s -> new Watts(s.nominal()));
  }

  /** The catalog TDP with its range, if any. */
  public Optional<Spec> tdpSpec() {
    return tdpW;
  }

  /** The catalog price with its range, if any. */
  public Optional<Spec> priceSpec() {
    return priceUsd;
  }

  public Optional<Usd> price() {
    return priceUsd.map(s -> new Usd(s.nominal()));
  }
}
