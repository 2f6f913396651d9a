package chipmix.cli.chips;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.catalog.DerivedFigure;
import chipmix.catalog.Metric;
import chipmix.catalog.Spec;
import chipmix.cli.CatalogOptions;
import chipmix.cli.ExitCode;
import chipmix.cli.OutputFormat;
import chipmix.io.Node;
import chipmix.validation.Issues;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chipmix chips compare ID ID...}: chips side by side, with derived figures and sources. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    header = "Compare chips side by side, with derived figures and the sources of every value.")
public final class ChipsCompareCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec CommandSpec spec;
  @Mixin CatalogOptions catalogOptions;

  // Arity 1..*: fewer than two is reported by resolve(), together with unknown or repeated ids.
  @Parameters(paramLabel = "ID", arity = "1..*",
      description = "Two or more chip ids or aliases, case-insensitive (e.g. h20 ascend-910b h100-sxm).")
  List<String> ids;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table (default), json or csv (one line per chip and figure).")
  String format;

  @Override
  public Integer call() {
    OutputFormat f = OutputFormat.require(format, OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.CSV);
    Catalog catalog = catalogOptions.catalog();
    List<Chip> chips = resolve(catalog, ids);
    PrintWriter out = spec.commandLine().getOut();
    switch (f) {
      case JSON -> {
        ObjectNode root = ChipJson.object();
        ArrayNode list = root.putArray("chips");
        chips.forEach(c -> list.add(ChipJson.chip(catalog, c)));
        root.set("cited_sources", ChipJson.sources(catalog, ChipJson.citedBy(chips)));
        out.println(OutputFormat.jsonText(root));
      }
      case CSV -> out.print(csv(chips));
      default -> out.print(text(catalog, chips));
    }
    out.flush();
    return ExitCode.OK.code();
  }

  /** Every id resolved, or one error listing every unknown id and every repeat. */
  static List<Chip> resolve(Catalog catalog, List<String> ids) {
    Issues issues = new Issues();
    List<Chip> chips = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      String path = "ID[" + (i + 1) + "]";
      Optional<Chip> c = issues.attempt(() -> catalog.chip(path, id));
      if (c.isEmpty()) {
        continue;
      }
      if (chips.contains(c.get())) {
        issues.add(path, "'" + id + "' names chip '" + c.get().id() + "', which is already in the comparison");
      } else {
        chips.add(c.get());
      }
    }
    if (ids.size() < 2) {
      issues.add("ID", "give at least two chip ids to compare, got " + ids.size() + " (" + String.join(", ", ids)
          + "); e.g. 'chipmix chips compare h20 ascend-910b h100-sxm'");
    }
    issues.throwIfAny();
    return chips;
  }

  static String text(Catalog catalog, List<Chip> chips) {
    List<String> header = new ArrayList<>(List.of("", "Unit"));
    chips.forEach(c -> header.add(c.id()));
    boolean[] right = new boolean[header.size()];
    for (int i = 2; i < right.length; i++) {
      right[i] = true;
    }
    TextTable t = new TextTable(header, right);
    textRow(t, chips, "Vendor", Chip::vendor);
    textRow(t, chips, "Name", Chip::name);
    textRow(t, chips, "Design origin", Chip::designOrigin);
    textRow(t, chips, "Market", c -> Node.enumText(c.market()));
    textRow(t, chips, "Memory type", c -> c.memoryType().orElse(Cells.UNKNOWN));
    textRow(t, chips, "Scale-up link", c -> c.scaleUpLink().orElse(Cells.UNKNOWN));
    textRow(t, chips, "Default system", c -> catalog.defaultSystemFor(c).map(s -> s.id()).orElse(Cells.UNKNOWN));
    t.section("");
    t.section("Specs");
    for (Metric m : Metric.values()) {
      if (chips.stream().anyMatch(c -> c.has(m))) {
        List<String> row = new ArrayList<>(List.of(m.label(), m.unit()));
        chips.forEach(c -> row.add(Cells.full(c.spec(m), false)));
        t.row(row);
      }
    }
    t.section("");
    t.section("Derived (computed)");
    for (DerivedFigure d : DerivedFigure.values()) {
      List<String> row = new ArrayList<>(List.of(d.label(), d.unit()));
      chips.forEach(c -> row.add(Cells.full(d.of(c), true)));
      t.row(row);
    }
    StringBuilder sb = new StringBuilder(t.render());
    sb.append('\n').append(Cells.LEGEND).append('\n');
    sb.append("Rates are dense (no sparsity). Derived figures:\n");
    for (DerivedFigure d : DerivedFigure.values()) {
      sb.append("  ").append(d.label()).append(" = ").append(d.formula()).append('\n');
    }
    sb.append("TPP and performance density are indicative, not a compliance determination (not legal advice).\n");
    sb.append("\nSources per chip\n");
    for (Chip c : chips) {
      sb.append("  ").append(c.id()).append(": ").append(String.join(", ", ChipJson.citedBy(c))).append('\n');
    }
    sb.append('\n').append(SourcesText.render(catalog, ChipJson.citedBy(chips)));
    return sb.toString();
  }

  private static void textRow(TextTable t, List<Chip> chips, String label, Function<Chip, String> value) {
    List<String> row = new ArrayList<>(List.of(label, ""));
    chips.forEach(c -> row.add(value.apply(c)));
    t.row(row);
  }

  static String csv(List<Chip> chips) {
    StringBuilder sb = new StringBuilder(Csv.line(List.of("chip", "kind", "key", "unit", "value", "low", "high",
        "confidence", "sources", "note")));
    for (Chip c : chips) {
      for (Metric m : Metric.values()) {
        c.spec(m).ifPresent(s -> sb.append(Csv.line(csvRow(c, "spec", m.key(), m.unit(), s, s.note()))));
      }
      for (DerivedFigure d : DerivedFigure.values()) {
        d.of(c).ifPresent(s -> sb.append(Csv.line(csvRow(c, "derived", d.key(), d.unit(), s, d.formula()))));
      }
    }
    return sb.toString();
  }

  private static List<String> csvRow(Chip c, String kind, String key, String unit, Spec s, String note) {
    return List.of(c.id(), kind, key, unit, Cells.stored(s.nominal()), Cells.stored(s.low()),
        Cells.stored(s.high()), s.confidence().name().toLowerCase(Locale.ROOT), String.join(";", s.sources()), note);
  }

}
