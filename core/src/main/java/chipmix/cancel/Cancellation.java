package chipmix.cancel;

/**
 * The check a long computation makes between units of work: stop when the running thread has
 * been interrupted. The interrupt flag is left set, so whatever the caller does next (waiting,
 * I/O) sees it too.
 */
public final class Cancellation {
  private Cancellation() {}

  /**
   * Returns when the current thread has not been interrupted.
   *
   * @throws CancelledException when it has: the caller no longer wants the answer
   */
  public static void check() {
    if (Thread.currentThread().isInterrupted()) {
      throw new CancelledException();
    }
  }
}
