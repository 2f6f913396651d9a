package chipmix.exportcontrol;

import java.util.List;
import java.util.Locale;

/**
 * Which chips a rule covers: any chip, chips of a license class ({@code regular}), named chips
 * (ids or aliases), or chips matching any of the criteria sets (each set all-of). The parts are
 * alternatives: a chip is covered if any part covers it. With {@code matchingUnclassifiedOnly}
 * the matching sets cover only chips outside every 3A090 paragraph (the 2025 is-informed letters
 * reach chips like the H20 that the ECCN does not; classified chips keep their own rules).
 * {@code vendors} and {@code designOrigins}, when given, narrow every part: a vendor letter binds
 * the vendor it was sent to, and Malaysia's permit covers chips of US origin.
 */
public record ItemSelector(boolean any, List<String> classes, List<String> chips, List<List<Criterion>> matching,
    boolean matchingUnclassifiedOnly, List<String> vendors, List<String> designOrigins) {
  public ItemSelector {
    classes = List.copyOf(classes);
    chips = List.copyOf(chips);
    matching = matching.stream().map(List::copyOf).toList();
    vendors = vendors.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    designOrigins = designOrigins.stream().map(v -> v.toUpperCase(Locale.ROOT)).toList();
    if (!any && classes.isEmpty() && chips.isEmpty() && matching.isEmpty()) {
      throw new IllegalArgumentException("an item selector must select something (any, classes, chips or matching)");
    }
  }
}
