package chipmix.catalog;

import chipmix.validation.InvalidInputException;
import chipmix.validation.Suggestions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The loaded catalog: chips, systems and the sources they cite. Immutable. Look-ups are by id
 * or alias, case-insensitive; an unknown name is an input error that suggests the nearest ids.
 * Sources keep their file order. Loading (bundled YAML plus user files) lives in
 * {@link CatalogLoader}.
 */
public record Catalog(List<Chip> chips, List<SystemSpec> systems, Map<String, Source> sources) {
  public Catalog {
    chips = List.copyOf(chips);
    systems = List.copyOf(systems);
    sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
  }

  public Optional<Chip> findChip(String idOrAlias) {
    return chips.stream().filter(c -> c.answersTo(idOrAlias)).findFirst();
  }

  /**
   * The chip named {@code idOrAlias}; {@code path} names the input (an option such as
   * {@code --chip} or a file path) in the error when it is unknown.
   */
  public Chip chip(String path, String idOrAlias) {
    return findChip(idOrAlias).orElseThrow(() -> InvalidInputException.of(path,
        "unknown chip '" + idOrAlias + "'" + Suggestions.didYouMean(idOrAlias, chipNames())
            + " (run 'chipmix chips list' for all ids)"));
  }

  public Optional<SystemSpec> findSystem(String id) {
    return systems.stream().filter(s -> s.id().equalsIgnoreCase(id)).findFirst();
  }

  /** The first system listed for the chip (the catalog lists the usual node first). */
  public Optional<SystemSpec> defaultSystemFor(Chip chip) {
    return systems.stream().filter(s -> s.chipId().equals(chip.id())).findFirst();
  }

  public Optional<Source> source(String id) {
    return Optional.ofNullable(sources.get(id));
  }

  /**
   * The support level of a value: PRIMARY when at least one cited source has a primary kind and
   * the value is not declared SECONDARY; otherwise SECONDARY.
   */
  public Support support(Spec spec) {
    if (spec.declaredSupport().filter(s -> s == Support.SECONDARY).isPresent()) {
      return Support.SECONDARY;
    }
    return spec.sources().stream().map(sources::get).anyMatch(s -> s != null && s.isPrimary())
        ? Support.PRIMARY : Support.SECONDARY;
  }

  /** Every id and alias, for suggestions. */
  public List<String> chipNames() {
    List<String> names = new ArrayList<>();
    for (Chip c : chips) {
      names.add(c.id());
      names.addAll(c.aliases());
    }
    return names;
  }
}
