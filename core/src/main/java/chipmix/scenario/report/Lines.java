package chipmix.scenario.report;

import chipmix.scenario.Engines.Verdict;
import chipmix.scenario.Plan;
import chipmix.scenario.Plan.OrderResult;
import chipmix.scenario.Plan.Placement;
import chipmix.scenario.Plan.ServingMonth;
import chipmix.scenario.Plan.ServingResult;
import chipmix.scenario.Plan.TrainingResult;
import java.util.Comparator;
import java.util.Optional;

/** The one-line answers a summary gives, shared by the text and HTML renderers. */
final class Lines {
  private Lines() {}

  static String training(TrainingResult t) {
    String head = t.id() + ": " + t.model() + ", " + Fmt.tokens(t.tokens()) + " tokens";
    if (t.placement().isEmpty()) {
      return head + ": NOT PLACED within the horizon (see the notes below)";
    }
    Placement p = t.placement().get();
    return head + ": on " + p.chipName() + " (" + Fmt.count(p.peakDevices()) + " devices), " + p.start() + " to "
        + p.finish() + (p.finishesInHorizon() ? "" : " (after the horizon)") + deadline(t);
  }

  static String deadline(TrainingResult t) {
    Optional<Long> late = t.daysLate();
    if (late.isEmpty()) {
      return t.deadline().map(d -> "; deadline " + d).orElse("");
    }
    long d = late.get();
    return "; deadline " + t.deadline().get() + (d > 0 ? ": MISSED by " + d + " days" : ": met with " + (-d) + " days to spare");
  }

  static String order(OrderResult o) {
    StringBuilder sb = new StringBuilder(o.id() + ": " + Fmt.count(o.quantity()) + " " + o.chipName() + ": "
        + Fmt.count(o.received()) + " received");
    if (o.blocked() > 0) {
      sb.append(", ").append(Fmt.count(o.blocked())).append(" BLOCKED");
    }
    if (o.atRisk() > 0) {
      sb.append(", ").append(Fmt.count(o.atRisk())).append(" AT RISK");
    }
    if (o.lostToSlip() > 0) {
      sb.append(", ").append(Fmt.count(o.lostToSlip())).append(" lost to the slip");
    }
    if (o.neverScheduled() > 0) {
      sb.append(", ").append(Fmt.count(o.neverScheduled())).append(" never scheduled");
    }
    return sb.toString();
  }

  static String serving(ServingResult s) {
    Optional<ServingMonth> peak = s.months().stream().max(Comparator.comparingDouble(ServingMonth::demandRps));
    if (peak.isEmpty() || peak.get().demandRps() == 0) {
      return s.id() + ": no demand in the horizon";
    }
    ServingMonth p = peak.get();
    int maxDevices = s.months().stream().mapToInt(ServingMonth::devices).max().orElse(0);
    long unmetMonths = s.months().stream().filter(m -> m.unmetRps() > 1e-9).count();
    return s.id() + ": " + s.model() + ", peak " + Fmt.num(p.demandRps()) + " requests/s (" + p.month() + "); up to "
        + Fmt.count(maxDevices) + " devices serving; " + (unmetMonths == 0 ? "demand met in every month"
            : "demand NOT met in " + unmetMonths + " months (up to " + Fmt.num(s.maxUnmet()) + " requests/s unmet)");
  }

  static String verdict(Verdict v) {
    return switch (v) {
      case CLEAR -> "clear";
      case AT_RISK -> "AT RISK";
      case BLOCKED -> "BLOCKED";
    };
  }

  static String cost(Plan p) {
    return Fmt.usd(p.totalCost()) + " (devices bought " + Fmt.usd(p.totalCapital()) + ", electricity "
        + Fmt.usd(p.totalEnergyCost()) + ", rented device-hours " + Fmt.usd(p.totalRental()) + ")";
  }
}
