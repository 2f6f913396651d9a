package chipmix.catalog;

import java.util.Objects;

/**
 * A cited source: an id used by values ({@code S01}, {@code R03}), its title, publisher,
 * address and date ({@code 2023-10-25}, {@code 2025-12} or {@code undated}), with an optional
 * note (caveats, further addresses).
 */
public record Source(String id, String title, String publisher, String url, String date, String note) {
  public Source {
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

  /** A source without a note. */
  public Source(String id, String title, String publisher, String url, String date) {
    this(id, title, publisher, url, date, "");
  }
}
