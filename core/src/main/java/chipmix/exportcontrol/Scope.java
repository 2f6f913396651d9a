package chipmix.exportcontrol;

import java.util.List;

/**
 * Where and for whom a rule applies. Each list holds country codes or country-group ids
 * ({@code destinations}, {@code buyerHq}, {@code exportFrom}) or Entity List party ids. An
 * empty list does not restrict; all non-empty lists must match.
 */
public record Scope(List<String> destinations, List<String> destinationsExcept, List<String> buyerHq,
    List<String> exportFrom, List<String> parties) {
  public static final Scope ANY = new Scope(List.of(), List.of(), List.of(), List.of(), List.of());

  public Scope {
    destinations = List.copyOf(destinations);
    destinationsExcept = List.copyOf(destinationsExcept);
    buyerHq = List.copyOf(buyerHq);
    exportFrom = List.copyOf(exportFrom);
    parties = List.copyOf(parties);
  }
}
