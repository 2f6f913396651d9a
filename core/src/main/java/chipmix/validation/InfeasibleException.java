package chipmix.validation;

/**
 * The input is valid but no answer exists: a model that fits in no layout, a latency target
 * no batch can meet. The message says what would work instead. CLI exit code 3, HTTP 422.
 */
public final class InfeasibleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InfeasibleException(String message) {
    super(message);
  }
}
