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
