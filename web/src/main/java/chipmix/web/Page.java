package chipmix.web;

import chipmix.validation.Issues;
import io.javalin.http.Context;

/**
 * The {@code limit} and {@code offset} query parameters of a list route: at most
 * {@link Limits#MAX_PAGE} items (default {@link Limits#DEFAULT_PAGE}) from position
 * {@code offset} (default 0). Bad values are input errors naming the parameter.
 */
record Page(int limit, int offset) {
  static Page of(Context ctx) {
    Issues issues = new Issues();
    int limit = number(issues, ctx.queryParam("limit"), "limit", Limits.DEFAULT_PAGE, 1, Limits.MAX_PAGE);
    int offset = number(issues, ctx.queryParam("offset"), "offset", 0, 0, Integer.MAX_VALUE);
    issues.throwIfAny();
    return new Page(limit, offset);
  }

  private static int number(Issues issues, String text, String name, int fallback, int min, int max) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      long v = Long.parseLong(text.strip());
      if (v < min || v > max) {
        issues.add(name, "must be between " + min + " and " + max + ", got " + v);
        return fallback;
      }
      return (int) v;
    } catch (NumberFormatException e) {
      issues.add(name, "must be a whole number, got '" + ErrorBody.cut(text) + "'");
      return fallback;
    }
  }
}
