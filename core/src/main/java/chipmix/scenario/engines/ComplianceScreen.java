package chipmix.scenario.engines;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.exportcontrol.ExportControl;
import chipmix.scenario.Engines;
import chipmix.scenario.Engines.Verdict;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Candidate chips screened for one buyer: the export-control verdict of each (headquarters,
 * destination, date; shipped from where the chip is designed when that is the destination, else
 * from the US), for sizing and training comparisons that mark or drop what the buyer may not get.
 * Not legal advice.
 */
public final class ComplianceScreen {

  /** Who buys, where the devices go and when. */
  public record Buyer(String headquarters, String destination, LocalDate date) {
    public Buyer {
      Objects.requireNonNull(headquarters, "headquarters");
      Objects.requireNonNull(destination, "destination");
      Objects.requireNonNull(date, "date");
    }
  }

  /** One chip's finding; {@code mayNotGet} when the rules block it (a prohibition or a presumption of denial). */
  public record Screened(Chip chip, Engines.Finding finding) {
    public boolean mayNotGet() {
      return finding.verdict() == Verdict.BLOCKED;
    }

    /** The sentence a report shows for a chip the buyer may not get, or is at risk of not getting. */
    public String reason() {
      String why = finding.reasons().stream().map(Engines.Reason::text).filter(t -> t.contains("presumption of denial"))
          .findFirst().orElse(finding.reasons().isEmpty() ? finding.outcome()
              : finding.reasons().get(finding.reasons().size() - 1).text());
      return chip.name() + ": " + (mayNotGet() ? "the buyer may not get it" : "at risk") + " (" + finding.outcome() + "): "
          + why;
    }
  }

  private final Engines.Compliance compliance;

  public ComplianceScreen(Engines.Compliance compliance) {
    this.compliance = compliance;
  }

  public static ComplianceScreen bundled() {
    return new ComplianceScreen(new ExportCompliance(ExportControl.bundled()));
  }

  public Map<String, Screened> screen(List<Chip> chips, Buyer buyer) {
    Map<String, Screened> out = new LinkedHashMap<>();
    for (Chip c : chips) {
      String from = c.designOrigin().equals(buyer.destination()) ? c.designOrigin() : "US";
      out.put(c.id(), new Screened(c, compliance.check(c, from, buyer.destination(), buyer.headquarters(), List.of(),
          buyer.date())));
    }
    return out;
  }

  /** The chips of {@code ids} resolved in the catalog (unknown ids are left to the caller's own checks). */
  public static List<Chip> chips(Catalog catalog, List<String> ids) {
    List<Chip> out = new ArrayList<>();
    for (String id : ids) {
      catalog.findChip(id).ifPresent(out::add);
    }
    return out;
  }
}
