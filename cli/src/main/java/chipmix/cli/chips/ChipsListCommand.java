package chipmix.cli.chips;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.catalog.DerivedFigure;
import chipmix.catalog.Metric;
import chipmix.cli.CatalogOptions;
import chipmix.cli.ExitCode;
import chipmix.cli.OutputFormat;
import chipmix.io.Node;
import chipmix.validation.Issues;
import chipmix.validation.Suggestions;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chipmix chips list}: one line per chip, optionally filtered. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    header = "List the chips in the catalog, with key figures.",
    description = {
      "Nominal values; '~' marks a value where sources disagree (see 'chips show' for the range),",
      "* medium and ** low confidence, '-' unknown. TPP is computed (bit-TOPS)."
    })
public final class ChipsListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CatalogOptions catalogOptions;

  @Option(names = "--vendor", paramLabel = "VENDOR", description = "Only chips of this vendor (case-insensitive), e.g. NVIDIA, Huawei.")
  String vendor;

  @Option(names = "--origin", paramLabel = "CODE", description = "Only chips designed in this country: a two-letter code such as US or CN.")
  String origin;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table (default), json or csv.")
  String format;

  private static final List<Metric> COLUMNS = List.of(Metric.BF16, Metric.FP8, Metric.INT8,
      Metric.MEMORY_CAPACITY, Metric.MEMORY_BANDWIDTH, Metric.TDP);

  @Override
  public Integer call() {
    Catalog catalog = catalogOptions.catalog();
    Issues issues = new Issues();
    OutputFormat f = OutputFormat.parse(issues, format, OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.CSV);
    List<Chip> chips = filter(catalog, issues);
    PrintWriter out = spec.commandLine().getOut();
    switch (f) {
      case JSON -> {
        ObjectNode root = ChipJson.object();
        ArrayNode list = root.putArray("chips");
        chips.forEach(c -> list.add(ChipJson.chip(catalog, c)));
        out.println(OutputFormat.jsonText(root));
      }
      case CSV -> out.print(csv(chips));
      default -> out.print(table(chips));
    }
    out.flush();
    return ExitCode.OK.code();
  }

  private List<Chip> filter(Catalog catalog, Issues issues) {
    TreeSet<String> vendors = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    TreeSet<String> origins = new TreeSet<>();
    catalog.chips().forEach(c -> {
      vendors.add(c.vendor());
      origins.add(c.designOrigin());
    });
    if (vendor != null && !vendors.contains(vendor)) {
      issues.add("--vendor", "no chip in the catalog has vendor '" + vendor + "'"
          + Suggestions.didYouMean(vendor, vendors) + " (vendors: " + String.join(", ", vendors) + ")");
    }
    if (origin != null && !origins.contains(origin.toUpperCase(Locale.ROOT))) {
      issues.add("--origin", "no chip in the catalog has design origin '" + origin + "' (origins: "
          + String.join(", ", origins) + ")");
    }
    issues.throwIfAny();
    return catalog.chips().stream()
        .filter(c -> vendor == null || c.vendor().equalsIgnoreCase(vendor))
        .filter(c -> origin == null || c.designOrigin().equalsIgnoreCase(origin))
        .toList();
  }

  static String table(List<Chip> chips) {
    List<String> header = new ArrayList<>(List.of("ID", "Vendor", "Name", "Origin", "Market"));
    for (Metric m : COLUMNS) {
      header.add(shortLabel(m) + " " + m.unit());
    }
    header.add("TPP");
    boolean[] right = new boolean[header.size()];
    for (int i = 5; i < right.length; i++) {
      right[i] = true;
    }
    TextTable t = new TextTable(header, right);
    for (Chip c : chips) {
      List<String> row = new ArrayList<>(List.of(c.id(), c.vendor(), c.name(), c.designOrigin(), Node.enumText(c.market())));
      for (Metric m : COLUMNS) {
        row.add(Cells.brief(c.spec(m), false));
      }
      row.add(Cells.brief(DerivedFigure.TPP.of(c), true));
      t.row(row);
    }
    return t.render() + chips.size() + " chips. '~' sources disagree (range in 'chips show ID'); * medium, ** low confidence;"
        + " - unknown.\n";
  }

  private static String shortLabel(Metric m) {
    return switch (m) {
      case BF16 -> "BF16";
      case FP8 -> "FP8";
      case INT8 -> "INT8";
      case MEMORY_CAPACITY -> "Mem";
      case MEMORY_BANDWIDTH -> "Mem BW";
      case TDP -> "TDP";
      default -> m.label();
    };
  }

  static String csv(List<Chip> chips) {
    StringBuilder sb = new StringBuilder();
    List<String> header = new ArrayList<>(List.of("id", "vendor", "name", "design_origin", "market"));
    for (Metric m : Metric.values()) {
      header.add(m.key());
      header.add(m.key() + "_low");
      header.add(m.key() + "_high");
    }
    for (DerivedFigure d : DerivedFigure.values()) {
      header.add(d.key());
    }
    sb.append(Csv.line(header));
    for (Chip c : chips) {
      List<String> row = new ArrayList<>(List.of(c.id(), c.vendor(), c.name(), c.designOrigin(), Node.enumText(c.market())));
      for (Metric m : Metric.values()) {
        var s = c.spec(m);
        row.add(s.map(v -> Cells.stored(v.nominal())).orElse(""));
        row.add(s.map(v -> Cells.stored(v.low())).orElse(""));
        row.add(s.map(v -> Cells.stored(v.high())).orElse(""));
      }
      for (DerivedFigure d : DerivedFigure.values()) {
        row.add(d.of(c).map(v -> Cells.stored(v.nominal())).orElse(""));
      }
      sb.append(Csv.line(row));
    }
    return sb.toString();
  }
}
