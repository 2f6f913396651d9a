package chipmix.validation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * User input was rejected. Carries every problem found, not just the first, so the user can
 * fix them all at once. The CLI maps this to exit code 2 and the web layer to HTTP 400.
 */
public final class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<ValidationIssue> issues;

  public InvalidInputException(List<ValidationIssue> issues) {
    super(render(issues));
    if (issues.isEmpty()) {
      throw new IllegalArgumentException("an InvalidInputException needs at least one issue");
    }
    this.issues = List.copyOf(issues);
  }

  public static InvalidInputException of(String path, String message) {
    return new InvalidInputException(List.of(new ValidationIssue(path, message)));
  }

  public List<ValidationIssue> issues() {
    return issues;
  }

  private static String render(List<ValidationIssue> issues) {
    if (issues.size() == 1) {
      return issues.get(0).describe();
    }
    return issues.size() + " problems:\n"
        + issues.stream().map(i -> "  - " + i.describe()).collect(Collectors.joining("\n"));
  }
}
