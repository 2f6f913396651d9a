package chipmix.exportcontrol;

import java.util.List;

/**
 * Where and for whom a rule applies. Each list holds country codes or country-group ids
 * ({@code destinations}, {@code buyerHq}, {@code exportFrom}) or Entity List party ids. An
 * empty list does not restrict; all non-empty lists must match, with two widenings:
 * <ul>
 *   <li>{@code orBuyerHq}: the rule also reaches a buyer headquartered (or with an ultimate parent
 *       headquartered) in these places, wherever the destination, except a destination in the US
 *       (a delivery inside the US is not an export). The April 2025 letters read "to China and
 *       D:5, or to companies headquartered, or with an ultimate parent headquartered, therein".</li>
 *   <li>{@code ownersListed}: the rule reaches a transaction when one of the owners named in the
 *       request (a party's 50%-or-more owners) is an Entity List party listed on the date (the
 *       Affiliates Rule).</li>
 * </ul>
 */
public record Scope(List<String> destinations, List<String> destinationsExcept, List<String> buyerHq,
    List<String> exportFrom, List<String> parties, List<String> orBuyerHq, boolean ownersListed) {
  public static final Scope ANY = new Scope(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), false);

  public Scope {
    destinations = List.copyOf(destinations);
    destinationsExcept = List.copyOf(destinationsExcept);
    buyerHq = List.copyOf(buyerHq);
    exportFrom = List.copyOf(exportFrom);
    parties = List.copyOf(parties);
    orBuyerHq = List.copyOf(orBuyerHq);
  }
}
