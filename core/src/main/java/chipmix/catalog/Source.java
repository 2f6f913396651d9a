package chipmix.catalog;

import java.util.Objects;
import java.util.Optional;

/**
 * A cited source: an id used by values ({@code S01}, {@code R03}), its title, publisher,
 * address and date ({@code 2023-10-25}, {@code 2025-12} or {@code undated}), with an optional
 * note (caveats, further addresses) and its {@link SourceKind} where the catalog states it (a
 * source without a kind never makes a value primary-supported).
 */
public record Source(String id, String title, String publisher, String url, String date, String note,
    Optional<SourceKind> kind) {
  public Source {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(publisher, "publisher");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(note, "note");
    if (id.isBlank()) {
      throw new IllegalArgumentException("source id must not be blank");
    }
  }

  /** A source without a note or kind. */
  public Source(String id, String title, String publisher, String url, String date) {
    this(id, title, publisher, url, date, "", Optional.empty());
  }

  /** A source without a kind. */
  public Source(String id, String title, String publisher, String url, String date, String note) {
    this(id, title, publisher, url, date, note, Optional.empty());
  }

  /** True when the source has a primary kind (datasheet, white paper, filing, official docs, paper). */
  public boolean isPrimary() {
    return kind.map(SourceKind::isPrimary).orElse(false);
  }
}
