package chipmix.web;

import chipmix.validation.FieldRef;
import java.util.Map;

/**
 * The web API's name for each request field a core text names ({@link FieldRef}): the field's key
 * as the JSON body spells it. Most are the key itself; the few the API spells otherwise (a list
 * field in the plural, a name written out) are renamed here, so an issue's path and advice name a
 * field the client can send.
 */
final class ApiFieldNames {
  /** Core key to JSON field, where they differ (the CLI's --accept-len and repeatable --owner). */
  private static final Map<String, String> RENAMED = Map.of("accept_len", "accept_length", "owner", "owners");

  private ApiFieldNames() {}

  /** {@code text} with each field reference rendered as the API's JSON field. */
  static String render(String text) {
    return FieldRef.render(text, k -> RENAMED.getOrDefault(k, k));
  }
}
