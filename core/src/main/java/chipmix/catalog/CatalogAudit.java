package chipmix.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the catalog's numbers come from: every stated value of every chip and system with its
 * support level, the share that rests on secondary sources alone, and every value whose sources
 * disagree (kept as a range). Derived figures are not counted: they inherit their inputs'.
 *
 * @param entries every stated value, chips first (catalog order, metric order), then systems
 * @param primary values with at least one primary source that states them
 * @param secondary values with no primary support
 * @param compilationOnly secondary values whose every source is a compilation (datasets, trackers,
 *     wikis), the narrower figure the issue measured
 */
public record CatalogAudit(List<Entry> entries, int primary, int secondary, int compilationOnly) {
  public CatalogAudit {
    entries = List.copyOf(entries);
    if (primary < 0 || secondary < 0 || compilationOnly < 0 || primary + secondary != entries.size()
        || compilationOnly > secondary) {
      throw new IllegalArgumentException("inconsistent audit counts: primary " + primary + ", secondary " + secondary
          + ", compilation only " + compilationOnly + ", entries " + entries.size());
    }
  }

  /** What a value belongs to. */
  public enum Owner {
    CHIP,
    SYSTEM
  }

  /**
   * One stated value.
   *
   * @param ownerId the chip or system id
   * @param metric what the value measures (its key and unit)
   * @param kinds the kinds of its sources, in citation order ({@code Optional.empty()} for a source
   *     without a stated kind)
   */
  public record Entry(Owner owner, String ownerId, Metric metric, Spec spec, Support support,
      List<Optional<SourceKind>> kinds) {
    public Entry {
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(ownerId, "ownerId");
      Objects.requireNonNull(metric, "metric");
      Objects.requireNonNull(spec, "spec");
      Objects.requireNonNull(support, "support");
      kinds = List.copyOf(kinds);
    }

    /** True when every source is a compilation. */
    public boolean compilationOnly() {
      return !kinds.isEmpty() && kinds.stream().allMatch(k -> k.equals(Optional.of(SourceKind.COMPILATION)));
    }
  }

  /** The audit of {@code catalog}. */
  public static CatalogAudit of(Catalog catalog) {
    List<Entry> entries = new ArrayList<>();
    for (Chip c : catalog.chips()) {
      for (Metric m : Metric.values()) {
        c.spec(m).ifPresent(s -> entries.add(entry(catalog, Owner.CHIP, c.id(), m, s)));
      }
    }
    for (SystemSpec s : catalog.systems()) {
      entries.add(entry(catalog, Owner.SYSTEM, s.id(), Metric.SCALE_UP_BANDWIDTH, s.scaleUpBandwidth()));
      s.scaleOutBandwidth().ifPresent(o -> entries.add(entry(catalog, Owner.SYSTEM, s.id(),
          Metric.SCALE_OUT_BANDWIDTH, o)));
    }
    int primary = (int) entries.stream().filter(e -> e.support() == Support.PRIMARY).count();
    int compilation = (int) entries.stream()
        .filter(e -> e.support() == Support.SECONDARY && e.compilationOnly()).count();
    return new CatalogAudit(entries, primary, entries.size() - primary, compilation);
  }

  private static Entry entry(Catalog catalog, Owner owner, String id, Metric m, Spec s) {
    List<Optional<SourceKind>> kinds = s.sources().stream()
        .map(src -> catalog.source(src).flatMap(Source::kind)).toList();
    return new Entry(owner, id, m, s, catalog.support(s), kinds);
  }

  /** The values whose sources disagree (a range), in entry order. */
  public List<Entry> disagreements() {
    return entries.stream().filter(e -> e.spec().isRange()).toList();
  }

  /** The values of one support level, in entry order. */
  public List<Entry> withSupport(Support support) {
    return entries.stream().filter(e -> e.support() == support).toList();
  }

  /** Percentage of values with no primary support, 0 when there are no values. */
  public double secondaryPercent() {
    return entries.isEmpty() ? 0 : 100.0 * secondary / entries.size();
  }

  /** Percentage of values resting on compilations alone, 0 when there are no values. */
  public double compilationOnlyPercent() {
    return entries.isEmpty() ? 0 : 100.0 * compilationOnly / entries.size();
  }
}
