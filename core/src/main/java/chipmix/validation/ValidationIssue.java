package chipmix.validation;

import java.util.Objects;

/**
 * One problem with user input: where it is ({@code orders[2].deliveries[0].count}, or the
 * command-line option such as {@code --chip}) and what is wrong, naming the value and what
 * would be accepted.
 */
public record ValidationIssue(String path, String message) {
  public ValidationIssue {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    if (message.isBlank()) {
      throw new IllegalArgumentException("message must not be blank (path " + path + ")");
    }
  }

  @Override
  public String toString() {
    // names and values from input are echoed here: their control characters are shown, not obeyed
    String m = Escape.terminal(message);
    return path.isEmpty() ? m : Escape.controls(path) + ": " + m;
  }
}
