package chipmix.cli.chips;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogAudit;
import chipmix.catalog.CatalogAudit.Entry;
import chipmix.catalog.SourceKind;
import chipmix.catalog.Support;
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
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chipmix chips audit}: the catalog's values by support level, and where sources disagree. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    header = "Audit the catalog: values by support level, the secondary share, disagreements.",
    description = {
      "A value is primary when one of its sources is a datasheet, white paper, filing, official",
      "documentation or first-party paper that states it; otherwise it is secondary (compilations,",
      "press or blogs alone, or marked 'support: secondary' in the catalog file). Values whose",
      "sources disagree are kept as ranges and listed. Derived figures are not counted."
    })
public final class ChipsAuditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CatalogOptions catalogOptions;

  @Option(names = "--support", paramLabel = "LEVEL", defaultValue = "secondary",
      description = "Which values to list: secondary (default), primary or all.")
  String support;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default), json or csv (a row per listed value).")
  String format;

  private static final List<String> LEVELS = List.of("secondary", "primary", "all");

  @Override
  public Integer call() {
    Issues issues = new Issues();
    OutputFormat f = OutputFormat.parse(issues, format, OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.CSV);
    String level = support == null ? "" : support.trim().toLowerCase(Locale.ROOT);
    if (!LEVELS.contains(level)) {
      issues.add("--support", "'" + support + "' is not a support level; use secondary, primary or all"
          + Suggestions.didYouMean(level, LEVELS));
    }
    issues.throwIfAny();
    Catalog catalog = catalogOptions.catalog();
    CatalogAudit audit = CatalogAudit.of(catalog);
    List<Entry> listed = switch (level) {
      case "primary" -> audit.withSupport(Support.PRIMARY);
      case "secondary" -> audit.withSupport(Support.SECONDARY);
      default -> audit.entries();
    };
    PrintWriter out = spec.commandLine().getOut();
    if (f == OutputFormat.JSON) {
      out.println(OutputFormat.jsonText(json(audit, listed, level)));
    } else if (f == OutputFormat.CSV) {
      out.print(chipmix.cli.Tabular.of(json(audit, listed, level).path("values")).csv());
    } else {
      out.print(text(audit, listed, level));
    }
    out.flush();
    return ExitCode.OK.code();
  }

  static String text(CatalogAudit a, List<Entry> listed, String level) {
    StringBuilder sb = new StringBuilder();
    int n = a.entries().size();
    sb.append("Catalog audit: ").append(n).append(" stated values (chips and systems; derived figures not counted)\n");
    sb.append(String.format(Locale.ROOT, "  Primary support:            %4d  (%.1f%%)  a datasheet, white paper, filing,"
        + " official docs or first-party paper states it%n", a.primary(), 100.0 - a.secondaryPercent()));
    sb.append(String.format(Locale.ROOT, "  Secondary only:             %4d  (%.1f%%)  compilations, press or blogs alone,"
        + " or marked secondary%n", a.secondary(), a.secondaryPercent()));
    sb.append(String.format(Locale.ROOT, "    of which compilations alone: %d  (%.1f%%)%n", a.compilationOnly(),
        a.compilationOnlyPercent()));
    sb.append(String.format(Locale.ROOT, "  Sources disagree (ranges):  %4d%n", a.disagreements().size()));
    sb.append('\n');
    String title = switch (level) {
      case "primary" -> "Primary values";
      case "secondary" -> "Secondary values (no primary source states them)";
      default -> "All values";
    };
    sb.append(title).append(" (").append(listed.size()).append(")\n");
    sb.append(table(listed).render());
    sb.append("\nDisagreements between sources (").append(a.disagreements().size()).append(")\n");
    sb.append(table(a.disagreements()).render());
    sb.append("\nSource kinds: datasheet, whitepaper, filing, official-docs, paper are primary;"
        + " compilation, press, blog are secondary.\n");
    return sb.toString();
  }

  private static TextTable table(List<Entry> entries) {
    TextTable t = new TextTable(List.of("Chip/system", "Metric", "Value", "Unit", "Conf.", "Support", "Sources", "Note"),
        false, false, true, false, false, false, false, false);
    for (Entry e : entries) {
      t.row(List.of(e.ownerId(), e.metric().key(), Cells.range(e.spec(), false), e.metric().unit(),
          e.spec().confidence().name().toLowerCase(Locale.ROOT), e.support().name().toLowerCase(Locale.ROOT),
          sources(e), e.spec().note()));
    }
    return t;
  }

  private static String sources(Entry e) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < e.spec().sources().size(); i++) {
      Optional<SourceKind> k = e.kinds().get(i);
      parts.add(e.spec().sources().get(i) + " " + k.map(Node::enumText).orElse("(no kind)"));
    }
    return String.join(", ", parts);
  }

  private static ObjectNode json(CatalogAudit a, List<Entry> listed, String level) {
    ObjectNode root = ChipJson.object();
    ObjectNode s = root.putObject("summary");
    s.put("values", a.entries().size());
    s.put("primary", a.primary());
    s.put("secondary", a.secondary());
    s.put("compilation_only", a.compilationOnly());
    s.put("secondary_percent", a.secondaryPercent());
    s.put("compilation_only_percent", a.compilationOnlyPercent());
    s.put("disagreements", a.disagreements().size());
    root.put("listed", level);
    ArrayNode values = root.putArray("values");
    listed.forEach(e -> values.add(entry(e)));
    ArrayNode ranges = root.putArray("disagreements");
    a.disagreements().forEach(e -> ranges.add(entry(e)));
    return root;
  }

  private static ObjectNode entry(Entry e) {
    ObjectNode o = ChipJson.object();
    o.put("owner", Node.enumText(e.owner()));
    o.put("id", e.ownerId());
    o.put("metric", e.metric().key());
    ObjectNode spec = ChipJson.spec(e.spec(), e.metric().unit());
    spec.put("support", Node.enumText(e.support()));
    o.set("spec", spec);
    ArrayNode kinds = o.putArray("source_kinds");
    e.kinds().forEach(k -> {
      if (k.isPresent()) {
        kinds.add(Node.enumText(k.get()));
      } else {
        kinds.addNull();
      }
    });
    return o;
  }
}
