package chipmix.perfmodel;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.catalog.Metric;
import chipmix.catalog.Spec;
import chipmix.catalog.SystemSpec;
import chipmix.validation.InvalidInputException;
import chipmix.validation.Suggestions;
import java.util.Optional;

/** Builds device profiles from the catalog: chip + system (given or the chip's default) + bundled calibration. */
public final class HardwareProfiles {
  private HardwareProfiles() {}

  /**
   * The profile of chip {@code chipId} in system {@code systemId} (or the chip's first system; a
   * chip without one becomes a standalone system from its own scale-up figures). Errors name
   * {@code --chip} and {@code --system}.
   */
  public static Hardware resolve(Catalog catalog, String chipId, Optional<String> systemId) {
    return resolve(catalog, chipId, systemId, Calibrations.bundled());
  }

  /** As {@link #resolve(Catalog, String, Optional)} with the constants of {@code calibrations} (a refit, in cross-validation). */
  public static Hardware resolve(Catalog catalog, String chipId, Optional<String> systemId, Calibrations calibrations) {
    Chip c = catalog.chip("`chip`", chipId);
    SystemSpec sys;
    if (systemId.isPresent()) {
      String id = systemId.get();
      sys = catalog.findSystem(id).orElseThrow(() -> InvalidInputException.of("`system`", "unknown system '" + id + "'"
          + Suggestions.didYouMean(id, catalog.systems().stream().map(SystemSpec::id).toList())));
      if (!sys.chipId().equals(c.id())) {
        throw InvalidInputException.of("`system`", "system " + sys.id() + " is built from " + sys.chipId() + ", not " + c.id());
      }
    } else {
      sys = catalog.defaultSystemFor(c).orElseGet(() -> standalone(c));
    }
    Calibration cal = calibrations.forChip(c);
    // the other chips sharing the entry by their catalog ids, where the file names them by an alias
    return Hardware.of(c, sys, cal.withChipIds(cal.chipIds().stream()
        .map(id -> catalog.findChip(id).map(Chip::id).orElse(id)).distinct().toList()));
  }

  /** A chip the catalog lists no system for: its own scale-up figures, as stated for the chip. */
  static SystemSpec standalone(Chip c) {
    Spec bw = c.spec(Metric.SCALE_UP_BANDWIDTH).orElseThrow(() -> InvalidInputException.of("`chip`", "chip " + c.id()
        + " has no system and no scale_up_bandwidth_gbs in the catalog; add a system with `catalog` FILE"));
    int domain = c.spec(Metric.SCALE_UP_DOMAIN).map(s -> (int) s.nominal()).orElse(1);
    return new SystemSpec(c.id() + "-standalone", c.name(), c.id(), domain, domain, bw, c.spec(Metric.SCALE_OUT_BANDWIDTH),
        c.sources(), "built from the chip's own figures");
  }
}
