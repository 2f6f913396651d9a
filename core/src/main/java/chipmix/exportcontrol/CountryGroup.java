package chipmix.exportcontrol;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A country group (D:5, Macau...) as data: initial members, then dated changes. Members in
 * {@link #unconfirmed()} are included but every answer relying on them says so.
 */
public record CountryGroup(String id, String name, Set<String> members, List<Change> changes,
    Set<String> unconfirmed, List<String> sources, String note) {

  /** Members added or removed on {@code date} (effective that day). */
  public record Change(LocalDate date, Set<String> add, Set<String> remove, List<String> sources) {
    public Change {
      Objects.requireNonNull(date, "date");
      add = Set.copyOf(add);
      remove = Set.copyOf(remove);
      sources = List.copyOf(sources);
    }
  }

  public CountryGroup {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(note, "note");
    members = Set.copyOf(members);
    changes = changes.stream().sorted(Comparator.comparing(Change::date)).toList();
    unconfirmed = Set.copyOf(unconfirmed);
    sources = List.copyOf(sources);
  }

  /** The members on {@code date}. */
  public Set<String> membersOn(LocalDate date) {
    Set<String> m = new LinkedHashSet<>(members);
    for (Change c : changes) {
      if (!c.date().isAfter(date)) {
        m.addAll(c.add());
        m.removeAll(c.remove());
      }
    }
    return m;
  }

  public boolean contains(String country, LocalDate date) {
    return membersOn(date).contains(country);
  }
}
