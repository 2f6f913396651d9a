package chipmix.exportcontrol;

import java.util.Objects;

/**
 * A source cited by the rule data that is not in the catalog's source table: a filing, a Federal
 * Register document, a regulator's statement or a report, with where it was loaded from.
 */
public record RuleSource(String id, String title, String publisher, String url, String date, String note, String origin) {
  public RuleSource {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(publisher, "publisher");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(origin, "origin");
  }
}
