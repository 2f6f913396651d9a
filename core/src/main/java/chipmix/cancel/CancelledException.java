package chipmix.cancel;

/**
 * A computation stopped before its end because its caller cancelled it (see
 * {@link Cancellation#check()}). Not an input problem and not a failure of the model: the
 * caller that cancelled knows why and reports it.
 */
public final class CancelledException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CancelledException() {
    super("the computation was cancelled by its caller (the thread running it was interrupted)", null, false, false);
  }
}
