package chipmix.catalog;

import java.util.Objects;

/** A cited source: an id used by values ({@code S01}), its title, publisher, address and date. */
public record Source(String id, String title, String publisher, String url, String date) {
  public Source {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(publisher, "publisher");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(date, "date");
    if (id.isBlank()) {
      throw new IllegalArgumentException("source id must not be blank");
    }
  }
}
