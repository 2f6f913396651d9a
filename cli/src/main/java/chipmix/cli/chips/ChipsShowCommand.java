package chipmix.cli.chips;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.catalog.DerivedFigure;
import chipmix.catalog.Metric;
import chipmix.catalog.Spec;
import chipmix.catalog.SystemSpec;
import chipmix.cli.CatalogOptions;
import chipmix.cli.ExitCode;
import chipmix.cli.OutputFormat;
import chipmix.io.Node;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chipmix chips show ID}: every field of one chip with its source and confidence. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    header = "Show every field of one chip, with sources, confidence and derived figures.")
public final class ChipsShowCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec CommandSpec spec;
  @Mixin CatalogOptions catalogOptions;

  @Parameters(paramLabel = "ID", description = "Chip id or alias, case-insensitive (e.g. h20, nvidia-h20, ascend-910b).")
  String id;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default), json or csv (the chip's row of chips list).")
  String format;

  @Override
  public Integer call() {
    OutputFormat f = OutputFormat.require(format, OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.CSV);
    Catalog catalog = catalogOptions.catalog();
    Chip chip = catalog.chip("ID", id);
    PrintWriter out = spec.commandLine().getOut();
    if (f == OutputFormat.JSON) {
      ObjectNode root = ChipJson.chip(catalog, chip);
      root.set("cited_sources", ChipJson.sources(catalog, ChipJson.citedBy(chip)));
      out.println(OutputFormat.jsonText(root));
    } else if (f == OutputFormat.CSV) {
      out.print(ChipsListCommand.csv(List.of(chip)));
    } else {
      out.print(text(catalog, chip));
    }
    out.flush();
    return ExitCode.OK.code();
  }

  static String text(Catalog catalog, Chip c) {
    StringBuilder sb = new StringBuilder();
    sb.append(c.vendor()).append(' ').append(c.name()).append("  [").append(c.id()).append("]\n\n");
    TextTable facts = new TextTable(List.of("Field", "Value"));
    facts.row(List.of("Aliases", c.aliases().isEmpty() ? "none" : String.join(", ", c.aliases())));
    facts.row(List.of("Form factor", known(c.formFactor())));
    facts.row(List.of("Released", known(c.released())));
    facts.row(List.of("Process", known(c.process())));
    facts.row(List.of("Memory type", known(c.memoryType())));
    facts.row(List.of("Scale-up link", known(c.scaleUpLink())));
    facts.row(List.of("Design origin", c.designOrigin()));
    facts.row(List.of("Market", Node.enumText(c.market())));
    facts.row(List.of("Sources", String.join(", ", c.sources())));
    List<String> systems = new ArrayList<>();
    Optional<SystemSpec> def = catalog.defaultSystemFor(c);
    catalog.systems().stream().filter(s -> s.chipId().equals(c.id()))
        .forEach(s -> systems.add(s.id() + (def.isPresent() && def.get() == s ? " (default)" : "")));
    facts.row(List.of("Systems", systems.isEmpty() ? "none in the catalog" : String.join(", ", systems)));
    if (!c.notes().isEmpty()) {
      facts.row(List.of("Notes", c.notes()));
    }
    sb.append(facts.render()).append('\n');

    TextTable specs = new TextTable(List.of("Spec", "Value", "Unit", "Confidence", "Support", "Sources", "Note"),
        false, true, false, false, false, false, false);
    for (Metric m : Metric.values()) {
      Optional<Spec> s = c.spec(m);
      if (s.isPresent()) {
        specs.row(row(m.label(), s.get(), m.unit(), false,
            catalog.support(s.get()).name().toLowerCase(Locale.ROOT), s.get().note()));
      } else {
        specs.row(List.of(m.label(), Cells.UNKNOWN, m.unit(), "", "", "", "no source gives it"));
      }
    }
    specs.section("");
    specs.section("Derived (computed)");
    for (DerivedFigure d : DerivedFigure.values()) {
      Optional<Spec> s = d.of(c);
      if (s.isPresent()) {
        specs.row(row(d.label(), s.get(), d.unit(), true, "", d.formula()));
      } else {
        specs.row(List.of(d.label(), Cells.UNKNOWN, d.unit(), "", "", "", d.formula() + "; an input is unknown"));
      }
    }
    sb.append(specs.render());
    sb.append("\nValues are dense (no sparsity). a (b–c): nominal with the range the sources span.\n");
    sb.append("Support: primary when a datasheet, white paper, filing, official docs or first-party paper states the\n"
        + "value; secondary when only compilations, press or blogs do ('chipmix chips audit' lists them).\n");
    sb.append("TPP and performance density are indicative, not a compliance determination (not legal advice).\n");
    Set<String> cited = ChipJson.citedBy(c);
    sb.append("\nSources\n").append(SourcesText.render(catalog, cited));
    return sb.toString();
  }

  private static List<String> row(String label, Spec s, String unit, boolean computed, String support,
      String note) {
    return List.of(label, Cells.range(s, computed), unit, s.confidence().name().toLowerCase(Locale.ROOT), support,
        String.join(", ", s.sources()), note);
  }

  private static String known(Optional<String> v) {
    return v.orElse("unknown");
  }
}
