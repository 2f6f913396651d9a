package chipmix.exportcontrol;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An Entity List party chipmix knows: the day it was listed, its aliases, the listed parent it
 * belongs to (a listed subsidiary names its group), and the review policy of its entry for AI
 * chips (presumption of denial for most; case-by-case for SMIC outside advanced-node items).
 */
public record Party(String id, String name, List<String> aliases, String country, LocalDate listed,
    List<String> sources, String note, Optional<String> parent) {
  public Party {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(country, "country");
    Objects.requireNonNull(listed, "listed");
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(parent, "parent");
    aliases = aliases.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
    sources = List.copyOf(sources);
  }

  public boolean answersTo(String idOrAlias) {
    String k = idOrAlias.strip().toLowerCase(Locale.ROOT);
    return id.equals(k) || aliases.contains(k);
  }
}
