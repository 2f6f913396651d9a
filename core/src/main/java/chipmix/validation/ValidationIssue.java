package chipmix.validation;

import java.util.Objects;
import java.util.Optional;

/**
 * One problem with user input: where it is ({@code orders[2].deliveries[0].count}, or the
 * command-line option such as {@code --chip}) and what is wrong, naming the value and what
 * would be accepted. Where the input is a file, {@code position} is the line and column the
 * path was written at (or its nearest written parent, for a key that is missing).
 */
public record ValidationIssue(String path, String message, Optional<Position> position) {
  public ValidationIssue {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(position, "position");
    if (message.isBlank()) {
      throw new IllegalArgumentException("message must not be blank (path " + path + ")");
    }
  }

  public ValidationIssue(String path, String message) {
    this(path, message, Optional.empty());
  }

  /** This issue placed at {@code where} in its file. */
  public ValidationIssue at(Position where) {
    return new ValidationIssue(path, message, Optional.of(where));
  }

  /** A 1-based line and column in a text file. */
  public record Position(int line, int column) {
    public Position {
      if (line < 1 || column < 1) {
        throw new IllegalArgumentException("line and column start at 1, got " + line + ":" + column);
      }
    }

    @Override
    public String toString() {
      return "line " + line + ", column " + column;
    }
  }

  /** {@code path: message}, the form tests and callers match on. */
  @Override
  public String toString() {
    // names and values from input are echoed here: their control characters are shown, not obeyed
    String m = Escape.terminal(message);
    return path.isEmpty() ? m : Escape.controls(path) + ": " + m;
  }

  /** What a person reads: {@code path (line L, column C): message} where the position is known. */
  public String describe() {
    if (position.isEmpty()) {
      return toString();
    }
    String where = "(" + position.get() + ")";
    String m = Escape.terminal(message);
    return path.isEmpty() ? where + ": " + m : Escape.controls(path) + " " + where + ": " + m;
  }
}
