package chipmix.cli.scenario;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.cli.ExitCode;
import chipmix.cli.OutputFormat;
import chipmix.scenario.GoalSeek;
import chipmix.scenario.Plan;
import chipmix.scenario.Scenario;
import chipmix.scenario.report.TextReport;
import chipmix.validation.InvalidInputException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code chipmix plan FILE --solve devices|mix|deadline}: the goal-seeking answers as text or JSON. */
final class SolveOutput {
  private SolveOutput() {}

  /** The kinds of question {@code --solve} answers. */
  enum Goal {
    DEVICES,
    MIX,
    DEADLINE
  }

  static int run(Goal goal, Scenario s, ScenarioSupport support, Optional<String> chip, List<String> chips,
      Optional<LocalDate> by, int step, boolean json, PrintWriter out) {
    GoalSeek g = support.goalSeek();
    Catalog catalog = support.catalog();
    LocalDate date = by.orElse(s.settings().firstDay());
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("scenario", s.name());
    root.put("solve", goal.name().toLowerCase(Locale.ROOT));
    root.put("disclaimer", TextReport.DISCLAIMER);
    List<String> lines = new ArrayList<>();
    boolean answered;
    switch (goal) {
      case DEVICES -> {
        Chip c = resolve(catalog, chip.orElseThrow(() -> InvalidInputException.of("--chip",
            "is required with --solve devices (the chip to add, such as h20)")), "--chip");
        Optional<GoalSeek.Mix> m = g.devices(s, c, date, step);
        answered = m.isPresent();
        root.put("chip", c.id());
        root.put("by", date.toString());
        lines.add(m.map(x -> String.format(Locale.ROOT, "%,d more %s online by %s meet every deadline and demand (about $%,.0f at"
            + " the catalog price; multiples of %d).", x.devices().get(c.id()), c.name(), date, x.costUsd(), step))
            .orElse("No number of " + c.name() + " up to 4,000,000 online by " + date + " meets every deadline and demand."));
        m.ifPresent(x -> {
          root.put("devices", x.devices().get(c.id()));
          root.put("cost_usd", x.costUsd());
          lines.add(TextReport.summary(x.plan()));
        });
        if (m.isEmpty()) {
          root.putNull("devices");
        }
      }
      case MIX -> {
        List<Chip> candidates = new ArrayList<>();
        for (String id : chips.isEmpty() ? scenarioChips(s) : chips) {
          candidates.add(resolve(catalog, id, "--chips"));
        }
        if (candidates.size() > 3) {
          throw InvalidInputException.of("--chips", "at most 3 candidate chips (the search is exact over the grid and grows"
              + " with each chip), got " + candidates.size());
        }
        GoalSeek.MixAnswer a = g.mix(s, candidates, date, step);
        answered = a.mix().isPresent();
        root.put("by", date.toString());
        ArrayNode dropped = root.putArray("dropped");
        for (GoalSeek.Candidate d : a.dropped()) {
          String why = d.finding().reasons().stream().map(r -> r.text()).filter(t -> t.contains("presumption of denial"))
              .findFirst().orElse(d.finding().reasons().isEmpty() ? "" : d.finding().reasons().get(d.finding().reasons().size() - 1).text());
          lines.add("Dropped " + d.chip().name() + ": " + d.finding().outcome() + " for this organisation on " + date
              + (why.isEmpty() ? "" : " (" + why + ")") + ".");
          ObjectNode x = dropped.addObject();
          x.put("chip", d.chip().id());
          x.put("outcome", d.finding().outcome());
          ArrayNode rs = x.putArray("reasons");
          d.finding().reasons().forEach(r -> rs.add(r.text()));
        }
        for (GoalSeek.Candidate c : a.candidates()) {
          if (c.finding().verdict() != chipmix.scenario.Engines.Verdict.CLEAR) {
            lines.add("Kept " + c.chip().name() + " but AT RISK: " + c.finding().outcome() + ".");
          }
        }
        ObjectNode mix = root.putObject("mix");
        a.mix().ifPresent(m -> {
          List<String> parts = new ArrayList<>();
          m.devices().forEach((id, n) -> {
            mix.put(id, n);
            parts.add(String.format(Locale.ROOT, "%,d %s", n, id));
          });
          root.put("cost_usd", m.costUsd());
          lines.add(String.format(Locale.ROOT, "Cheapest mix that meets every deadline and demand: %s online by %s, about"
              + " $%,.0f at catalog prices (multiples of %d; %d plans made).", String.join(" + ", parts), date,
              m.costUsd(), step, a.plansMade()));
          lines.add(TextReport.summary(m.plan()));
        });
        if (a.mix().isEmpty()) {
          lines.add("No mix of the candidates up to 4,000,000 devices each meets every deadline and demand.");
        }
      }
      case DEADLINE -> {
        List<GoalSeek.EarliestFinish> e = g.earliest(s);
        answered = e.stream().anyMatch(x -> x.placement().isPresent());
        ArrayNode runs = root.putArray("training");
        for (GoalSeek.EarliestFinish f : e) {
          ObjectNode x = runs.addObject();
          x.put("id", f.run());
          if (f.placement().isPresent()) {
            Plan.Placement p = f.placement().get();
            x.put("finish", p.finish().toString());
            x.put("chip", p.chipId());
            x.put("peak_devices", p.peakDevices());
            lines.add(String.format(Locale.ROOT, "%s: earliest finish %s on %s (up to %,d devices from %s), when it comes"
                + " before every other workload.", f.run(), p.finish(), p.chipName(), p.peakDevices(), p.start()));
          } else {
            x.putNull("finish");
            lines.add(f.run() + ": cannot finish within the horizon even when it comes first.");
          }
        }
      }
      default -> throw new IllegalStateException("unknown goal " + goal);
    }
    out.print(json ? OutputFormat.jsonText(root) : String.join("\n", lines) + "\n" + TextReport.DISCLAIMER_LINE);
    out.flush();
    return answered ? ExitCode.OK.code() : ExitCode.INFEASIBLE.code();
  }

  private static List<String> scenarioChips(Scenario s) {
    List<String> out = new ArrayList<>();
    s.pools().forEach(p -> { if (!out.contains(p.chipId())) out.add(p.chipId()); });
    s.orders().forEach(o -> { if (!out.contains(o.chipId())) out.add(o.chipId()); });
    return out;
  }

  private static Chip resolve(Catalog catalog, String id, String option) {
    return catalog.findChip(id).orElseThrow(() -> InvalidInputException.of(option, "unknown chip '" + id + "'"
        + chipmix.validation.Suggestions.didYouMean(id, catalog.chips().stream().map(Chip::id).toList())
        + " (run 'chipmix chips list' for all ids)"));
  }
}
