package chipmix.exportcontrol;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A rule that is a letter from the US government to one vendor (an "is-informed" letter), known
 * from the vendor's own filing: who received it, the day it was informed, and the filing that
 * reports it. The letter's scope, thresholds and dates are the rule's own.
 */
public record Letter(String vendor, LocalDate informed, String filing) {
  public Letter {
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(informed, "informed");
    Objects.requireNonNull(filing, "filing");
  }
}
