package chipmix.exportcontrol;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** An Entity List party chipmix knows, with the day it was listed and its aliases. */
public record Party(String id, String name, List<String> aliases, String country, LocalDate listed,
    List<String> sources, String note) {
  public Party {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(country, "country");
    Objects.requireNonNull(listed, "listed");
    Objects.requireNonNull(note, "note");
    aliases = aliases.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
    sources = List.copyOf(sources);
  }

  public boolean answersTo(String idOrAlias) {
    String k = idOrAlias.strip().toLowerCase(Locale.ROOT);
    return id.equals(k) || aliases.contains(k);
  }
}
