package chipmix.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects validation issues while input is read, then throws them all at once. */
public final class Issues {
  private final List<ValidationIssue> list = new ArrayList<>();

  public Issues add(String path, String message) {
    list.add(new ValidationIssue(path, message));
    return this;
  }

  public Issues addAll(List<ValidationIssue> more) {
    list.addAll(more);
    return this;
  }

  /**
   * Runs a check that reports its problems by throwing {@link InvalidInputException}, adding them
   * here instead, so that they are listed with the caller's own; empty when it failed.
   */
  public <T> java.util.Optional<T> attempt(java.util.function.Supplier<T> check) {
    try {
      return java.util.Optional.of(check.get());
    } catch (InvalidInputException e) {
      list.addAll(e.issues());
      return java.util.Optional.empty();
    }
  }

  /** How many issues were found so far. */
  public int size() {
    return list.size();
  }

  public boolean isEmpty() {
    return list.isEmpty();
  }

  public List<ValidationIssue> list() {
    return List.copyOf(list);
  }

  /** Throws an {@link InvalidInputException} listing every issue, if there are any. */
  public void throwIfAny() {
    if (!list.isEmpty()) {
      throw new InvalidInputException(list);
    }
  }
}
