package chipmix.cli;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.catalog.Market;
import chipmix.exportcontrol.DescribedChip;
import chipmix.validation.Issues;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The chip to judge: a catalog id ({@code --chip}) or a description ({@code --tpp} and friends). */
final class ExportChipOptions {
  @Option(names = "--chip", paramLabel = "ID", description = "Catalog chip id or alias (see 'chipmix chips list'), e.g. h20.")
  String chip;

  @Mixin CatalogOptions catalogOptions;

  @Option(names = "--name", paramLabel = "TEXT", description = "Name of a described chip (default: custom).")
  String name = "custom";

  @Option(names = "--tpp", paramLabel = "N", description = "Describe a chip: Total Processing Performance (bit-TOPS).")
  Double tpp;

  @Option(names = "--die-area", paramLabel = "MM2", description = "Described chip: applicable die area in mm² (for performance density).")
  Double dieArea;

  @Option(names = "--memory-bandwidth", paramLabel = "GB/S", description = "Described chip: DRAM bandwidth in GB/s.")
  Double memoryBandwidth;

  @Option(names = "--io-bandwidth", paramLabel = "GB/S", description = "Described chip: aggregate bidirectional I/O bandwidth in GB/s.")
  Double ioBandwidth;

  @Option(names = "--market", paramLabel = "KIND", description = "Described chip: datacenter, consumer or cloud-only (default: datacenter).")
  String market = "datacenter";

  @Option(names = "--origin", paramLabel = "CC", description = "Described chip: designer's country code (default: US).")
  String origin = "US";

  boolean described() {
    return tpp != null || dieArea != null || memoryBandwidth != null || ioBandwidth != null;
  }

  Catalog catalog() {
    return catalogOptions.catalog();
  }

  /** The chip, or issues: exactly one of --chip and a description must be given. */
  Optional<Chip> chip(Issues issues) {
    if (chip != null && described()) {
      issues.add("--chip", "give either --chip or a description (--tpp, --die-area, ...), not both");
      return Optional.empty();
    }
    if (chip != null) {
      return issues.attempt(() -> catalog().chip("--chip", chip));
    }
    if (!described()) {
      issues.add("--chip", "is required: name a catalog chip (--chip h20) or describe one (--tpp 2368 --die-area 814"
          + " --memory-bandwidth 4000 --market datacenter)");
      return Optional.empty();
    }
    Market m = parseMarket(issues);
    Optional<Chip> described = new DescribedChip(name, opt(tpp), opt(dieArea), opt(memoryBandwidth), opt(ioBandwidth), m == null ? Market.DATACENTER : m, origin)
        .toChip(issues, Map.of("tpp", "--tpp", "die_area", "--die-area", "memory_bandwidth", "--memory-bandwidth",
            "io_bandwidth", "--io-bandwidth", "origin", "--origin"));
    return m == null ? Optional.empty() : described;
  }

  private Market parseMarket(Issues issues) {
    String wanted = market.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    for (Market m : Market.values()) {
      if (m.name().equals(wanted)) {
        return m;
      }
    }
    issues.add("--market", "'" + market + "' is not one of datacenter, consumer, cloud-only");
    return null;
  }

  private static OptionalDouble opt(Double d) {
    return d == null ? OptionalDouble.empty() : OptionalDouble.of(d);
  }
}
