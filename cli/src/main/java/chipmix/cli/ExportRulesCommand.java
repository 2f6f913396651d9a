package chipmix.cli;

import chipmix.exportcontrol.Effect;
import chipmix.exportcontrol.ExportControl;
import chipmix.exportcontrol.Rule;
import chipmix.exportcontrol.RuleBook;
import chipmix.exportcontrol.RuleBookLoader;
import chipmix.exportcontrol.RuleSource;
import chipmix.validation.InvalidInputException;
import chipmix.validation.Issues;
import chipmix.validation.Suggestions;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chipmix export rules}: the rules loaded (bundled and the user's rule files) and where each comes from. */
@Command(
    mixinStandardHelpOptions = true,
    name = "rules",
    header = "The export rules loaded, bundled and from your rule files, and where each comes from.",
    description = {"Rule files (*.yaml) in $CHIPMIX_HOME/rules (default ~/.chipmix/rules) and in --rules DIR",
      "are laid over the bundled rules; see docs/export-control.md, \"Rule packs\". Not legal advice."},
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {ExportRulesCommand.ListRules.class, ExportRulesCommand.ShowRule.class})
final class ExportRulesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.OK.code();
  }

  private static ExportControl load(String rulesDir) {
    return ExportControl.withUserRules(Optional.ofNullable(rulesDir).map(Path::of));
  }

  private static String origin(Rule r) {
    return r.origin().equals(RuleBookLoader.BUNDLED) ? "bundled" : r.origin();
  }

  private static String effect(Rule r) {
    return switch (r.effect()) {
      case Effect.Require q -> "requires " + new chipmix.exportcontrol.Verdict(q.outcome(), q.reviewPolicy()).text();
      case Effect.Relax x -> "relaxes " + String.join(", ", x.rules()) + " to " + x.reviewPolicy().text();
      case Effect.AddConditions a -> "adds conditions to " + String.join(", ", a.rules());
      case Effect.Report rep -> "reports (" + rep.kind().text() + ")";
    };
  }

  private static String dates(Rule r) {
    return r.effectiveFrom() + " – " + r.effectiveTo().map(Object::toString).orElse("");
  }

  /** {@code chipmix export rules list}. */
  @Command(mixinStandardHelpOptions = true, name = "list", header = "List every rule: id, dates, effect and where it comes from.",
      sortOptions = false)
  static final class ListRules implements Callable<Integer>, ValidatesInput {
    @Spec CommandSpec spec;

    @Option(names = "--rules", paramLabel = "DIR", description = "Extra rule files (*.yaml) laid over the bundled rules.")
    String rulesDir;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text, json or csv (default: text; csv: a row per rule).")
    String format = "text";

    @Override
    public void validateInput() {
      Issues issues = new Issues();
      OutputFormat.parse(issues, format, OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.CSV);
      issues.throwIfAny();
      load(rulesDir);
    }

    @Override
    public Integer call() {
      Issues issues = new Issues();
      OutputFormat f = OutputFormat.parse(issues, format, OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.CSV);
      issues.throwIfAny();
      RuleBook book = load(rulesDir).book();
      OutputFormat.print(spec.commandLine().getOut(), f == OutputFormat.JSON, () -> OutputFormat.jsonText(json(book)),
          () -> f == OutputFormat.CSV ? csv(book) : text(book));
      return ExitCode.OK.code();
    }

    private static String text(RuleBook book) {
      StringBuilder b = new StringBuilder();
      b.append("Export rules: ").append(book.rules().size()).append(" rules, ").append(book.parties().size())
          .append(" Entity List parties; rule data as of ").append(book.asOf()).append('\n');
      b.append("User rule files: ").append(book.packs().isEmpty() ? "none" : String.join(", ", book.packs())).append("\n\n");
      int w = book.rules().stream().mapToInt(r -> r.id().length()).max().orElse(4);
      for (Rule r : book.rules()) {
        b.append(String.format(java.util.Locale.ROOT, "%-" + w + "s  %-23s  %s%s%n      %s; %s%n", r.id(), dates(r),
            r.title(), r.letter().map(l -> " [letter to " + l.vendor() + "]").orElse(""), effect(r), origin(r)));
      }
      b.append("\nShow one with 'chipmix export rules show ID'. ").append(chipmix.exportcontrol.Determination.NOT_LEGAL_ADVICE)
          .append('\n');
      return b.toString();
    }

    /** One row per rule: the JSON's rules, each with the date the rule data is as of. */
    private static String csv(RuleBook book) {
      ArrayNode rows = JsonNodeFactory.instance.arrayNode();
      for (com.fasterxml.jackson.databind.JsonNode r : json(book).path("rules")) {
        ObjectNode row = rows.addObject();
        row.setAll((ObjectNode) r);
        row.put("rules_as_of", book.asOf().toString());
      }
      return Tabular.of(rows).csv();
    }

    private static ObjectNode json(RuleBook book) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("as_of", book.asOf().toString());
      ArrayNode packs = o.putArray("user_files");
      book.packs().forEach(packs::add);
      ArrayNode rules = o.putArray("rules");
      for (Rule r : book.rules()) {
        ObjectNode n = rules.addObject();
        n.put("id", r.id()).put("title", r.title()).put("effective_from", r.effectiveFrom().toString());
        n.put("effective_to", r.effectiveTo().map(Object::toString).orElse(null));
        n.put("effect", effect(r)).put("origin", origin(r));
        n.put("letter_vendor", r.letter().map(l -> l.vendor()).orElse(null));
        ArrayNode s = n.putArray("sources");
        r.sources().forEach(s::add);
      }
      o.put("notice", chipmix.exportcontrol.Determination.NOT_LEGAL_ADVICE);
      return o;
    }
  }

  /** {@code chipmix export rules show ID}. */
  @Command(mixinStandardHelpOptions = true, name = "show", header = "Show one rule in full, with its sources and where it comes from.",
      sortOptions = false)
  static final class ShowRule implements Callable<Integer>, ValidatesInput {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "Rule id, e.g. R2025-H20 (see 'chipmix export rules list').")
    String id;

    @Option(names = "--rules", paramLabel = "DIR", description = "Extra rule files (*.yaml) laid over the bundled rules.")
    String rulesDir;

    @Override
    public void validateInput() {
      rule(load(rulesDir).book());
    }

    private Rule rule(RuleBook book) {
      return book.rule(id).orElseThrow(() -> InvalidInputException.of("ID", "unknown rule '" + id + "'"
          + Suggestions.didYouMean(id, book.rules().stream().map(Rule::id).toList())
          + " (list them with 'chipmix export rules list')"));
    }

    @Override
    public Integer call() {
      RuleBook book = load(rulesDir).book();
      Rule r = rule(book);
      StringBuilder b = new StringBuilder();
      b.append(r.id()).append(": ").append(r.title()).append('\n');
      b.append("In force:  ").append(dates(r)).append(r.complianceFrom().map(c -> " (binding from " + c + ")").orElse(""))
          .append('\n');
      r.letter().ifPresent(l -> b.append("Letter:    to ").append(l.vendor()).append(", informed ").append(l.informed())
          .append("; ").append(l.filing()).append('\n'));
      b.append("Effect:    ").append(effect(r)).append('\n');
      b.append("Document:  ").append(r.document()).append('\n');
      b.append("From:      ").append(origin(r)).append('\n');
      b.append("\n").append(r.text()).append("\n\nSources:\n");
      for (String s : r.sources()) {
        RuleSource src = book.sources().get(s);
        b.append("  ").append(s).append(src == null ? "  (in the catalog's source table, catalog/sources.yaml)"
            : "  " + src.title() + " — " + src.publisher() + ", " + src.date() + " — " + src.url()).append('\n');
      }
      b.append('\n').append(chipmix.exportcontrol.Determination.NOT_LEGAL_ADVICE).append('\n');
      spec.commandLine().getOut().print(b);
      return ExitCode.OK.code();
    }
  }
}
