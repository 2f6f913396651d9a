package chipmix.web;

import chipmix.validation.ValidationIssue;
import java.util.List;

/**
 * The one shape of every error response: {@code {"error": {"code", "message", "issues",
 * "omitted"}}}. {@code issues} lists the input problems with their paths (empty for other
 * errors), at most {@link Limits#MAX_ISSUES} of them, each message at most
 * {@link Limits#MAX_MESSAGE_CHARS} characters; {@code omitted} counts the issues left out (absent
 * when none were), so a huge bad body cannot produce a huge answer.
 */
public record ErrorBody(Detail error) {

  public record Detail(String code, String message, List<Issue> issues, Integer omitted) {
    public Detail {
      issues = List.copyOf(issues);
    }
  }

  /** One problem; {@code line} and {@code column} (1-based) where the input was a text such as scenario YAML, else null. */
  public record Issue(String path, String message, Integer line, Integer column) {
    static Issue of(ValidationIssue i) {
      return new Issue(cut(ApiFieldNames.render(i.path())), cut(ApiFieldNames.render(i.message())), i.position().map(ValidationIssue.Position::line).orElse(null),
          i.position().map(ValidationIssue.Position::column).orElse(null));
    }
  }

  public static ErrorBody of(String code, String message) {
    return new ErrorBody(new Detail(code, cut(message), List.of(), null));
  }

  public static ErrorBody of(String code, String message, List<ValidationIssue> issues) {
    List<Issue> shown = issues.stream().limit(Limits.MAX_ISSUES).map(Issue::of).toList();
    int omitted = issues.size() - shown.size();
    return new ErrorBody(new Detail(code, cut(message), shown, omitted > 0 ? omitted : null));
  }

  /** {@code text} cut to {@link Limits#MAX_MESSAGE_CHARS}, saying how long it was. */
  static String cut(String text) {
    if (text.length() <= Limits.MAX_MESSAGE_CHARS) {
      return text;
    }
    return text.substring(0, Limits.MAX_MESSAGE_CHARS) + "... (cut: " + text.length() + " characters)";
  }
}
