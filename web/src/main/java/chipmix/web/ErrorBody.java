package chipmix.web;

import chipmix.validation.ValidationIssue;
import java.util.List;

/**
 * The one shape of every error response: {@code {"error": {"code", "message", "issues"}}}.
 * {@code issues} lists every input problem with its path (empty for other errors).
 */
public record ErrorBody(Detail error) {

  public record Detail(String code, String message, List<Issue> issues) {
    public Detail {
      issues = List.copyOf(issues);
    }
  }

  /** One problem; {@code line} and {@code column} (1-based) where the input was a text such as scenario YAML, else null. */
  public record Issue(String path, String message, Integer line, Integer column) {
    static Issue of(ValidationIssue i) {
      return new Issue(i.path(), i.message(), i.position().map(ValidationIssue.Position::line).orElse(null),
          i.position().map(ValidationIssue.Position::column).orElse(null));
    }
  }

  public static ErrorBody of(String code, String message) {
    return new ErrorBody(new Detail(code, message, List.of()));
  }

  public static ErrorBody of(String code, String message, List<ValidationIssue> issues) {
    return new ErrorBody(new Detail(code, message, issues.stream().map(Issue::of).toList()));
  }
}
