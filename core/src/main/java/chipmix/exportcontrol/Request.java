package chipmix.exportcontrol;

import chipmix.catalog.Chip;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The question: this chip, exported from {@code exportFrom} to {@code destination}, for a buyer
 * headquartered in {@code buyerHq} (if known), with these named parties, on {@code date}.
 * {@code owners} are the parties that own 50% or more of a party to the transaction (for the
 * Affiliates Rule); empty when not given. Country codes are ISO 3166-1 alpha-2, upper case.
 */
public record Request(Chip chip, String destination, Optional<String> buyerHq, String exportFrom, List<String> parties,
    List<String> owners, LocalDate date) {
  public Request {
    Objects.requireNonNull(chip, "chip");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(buyerHq, "buyerHq");
    Objects.requireNonNull(exportFrom, "exportFrom");
    Objects.requireNonNull(date, "date");
    destination = destination.strip().toUpperCase(Locale.ROOT);
    buyerHq = buyerHq.map(h -> h.strip().toUpperCase(Locale.ROOT));
    exportFrom = exportFrom.strip().toUpperCase(Locale.ROOT);
    parties = List.copyOf(parties);
    owners = List.copyOf(owners);
  }

  /** A request with no owners named. */
  public Request(Chip chip, String destination, Optional<String> buyerHq, String exportFrom, List<String> parties,
      LocalDate date) {
    this(chip, destination, buyerHq, exportFrom, parties, List.of(), date);
  }

  /** A request from the US, with no buyer HQ and no parties. */
  public static Request of(Chip chip, String destination, LocalDate date) {
    return new Request(chip, destination, Optional.empty(), "US", List.of(), date);
  }

  public Request withDate(LocalDate d) {
    return new Request(chip, destination, buyerHq, exportFrom, parties, owners, d);
  }
}
