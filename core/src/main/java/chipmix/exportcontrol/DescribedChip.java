package chipmix.exportcontrol;

import chipmix.catalog.Chip;
import chipmix.catalog.Confidence;
import chipmix.catalog.Market;
import chipmix.catalog.Metric;
import chipmix.catalog.Spec;
import chipmix.validation.Issues;
import chipmix.validation.Limits;
import chipmix.validation.Range;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A chip described by the user (on the command line) rather than taken from the catalog. It
 * becomes an ordinary {@link Chip} whose specs cite the source id {@value #SOURCE}, so the
 * engine handles it exactly like a catalog chip.
 *
 * @param tpp Total Processing Performance (bit-TOPS), as published or computed by the user
 * @param dieArea applicable die area in mm²
 * @param memoryBandwidth DRAM bandwidth in GB/s
 * @param ioBandwidth aggregate bidirectional I/O (or interconnect) bandwidth in GB/s
 */
public record DescribedChip(String name, OptionalDouble tpp, OptionalDouble dieArea, OptionalDouble memoryBandwidth,
    OptionalDouble ioBandwidth, Market market, String origin) {

  /** Source id of every figure of a described chip. */
  public static final String SOURCE = "user-input";
  /** The vendor of a described chip: none known (vendor letters do not bind it). */
  public static final String VENDOR = "user";

  /**
   * Checks the description, recording every problem under the given option names
   * ({@code paths} maps tpp, die_area, memory_bandwidth, io_bandwidth, origin to e.g. {@code --tpp}).
   */
  public Optional<Chip> toChip(Issues issues, Map<String, String> paths) {
    int before = issues.list().size();
    check(issues, paths.getOrDefault("tpp", "tpp"), tpp, Limits.TPP);
    check(issues, paths.getOrDefault("die_area", "die_area"), dieArea, Limits.DIE_AREA_MM2);
    check(issues, paths.getOrDefault("memory_bandwidth", "memory_bandwidth"), memoryBandwidth, Limits.MEMORY_BANDWIDTH_GBS);
    check(issues, paths.getOrDefault("io_bandwidth", "io_bandwidth"), ioBandwidth, Limits.LINK_GBS);
    if (tpp.isEmpty()) {
      issues.add(paths.getOrDefault("tpp", "tpp"), "is required to describe a chip (TPP in bit-TOPS, e.g. 2368 for"
          + " the H20: 296 dense FP8 TFLOP/s x 8 bits)");
    }
    String o = origin.strip().toUpperCase(Locale.ROOT);
    if (!o.matches("[A-Z]{2}")) {
      issues.add(paths.getOrDefault("origin", "origin"), "'" + origin + "' is not a two-letter country code (e.g. US, CN)");
    }
    if (issues.list().size() > before) {
      return Optional.empty();
    }
    Map<Metric, Spec> specs = new EnumMap<>(Metric.class);
    put(specs, Metric.TPP_REPORTED, tpp);
    put(specs, Metric.DIE_AREA, dieArea);
    memoryBandwidth.ifPresent(gb -> specs.put(Metric.MEMORY_BANDWIDTH, spec(gb / 1000)));
    put(specs, Metric.IO_BANDWIDTH, ioBandwidth);
    String id = name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
    return Optional.of(new Chip(id.isEmpty() ? "custom" : id, VENDOR, name, List.of(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), o, market, specs, List.of(SOURCE),
        "Described on the command line."));
  }

  private static void check(Issues issues, String path, OptionalDouble v, Range range) {
    if (v.isPresent()) {
      range.check(issues, path, v.getAsDouble());
    }
  }

  private static void put(Map<Metric, Spec> specs, Metric m, OptionalDouble v) {
    v.ifPresent(x -> specs.put(m, spec(x)));
  }

  private static Spec spec(double v) {
    return new Spec(v, v, v, List.of(SOURCE), Confidence.MEDIUM, "as described by the user");
  }
}
