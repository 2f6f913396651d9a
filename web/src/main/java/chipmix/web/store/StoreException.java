package chipmix.web.store;

/** A store operation that cannot be done as asked; the web layer maps each kind to a status. */
public sealed class StoreException extends RuntimeException
    permits StoreException.NotFound, StoreException.StaleVersion, StoreException.Busy, StoreException.Failure {
  private static final long serialVersionUID = 1L;

  StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** No scenario or run with that id (HTTP 404). */
  public static final class NotFound extends StoreException {
    private static final long serialVersionUID = 1L;

    public NotFound(String what, String id) {
      super("no " + what + " with id '" + id + "'", null);
    }
  }

  /** An update named a version that is no longer current (HTTP 409). */
  public static final class StaleVersion extends StoreException {
    private static final long serialVersionUID = 1L;

    public StaleVersion(String id, int given, int current) {
      super("scenario '" + id + "' is at version " + current + ", but the update was based on version " + given
          + "; reload it, reapply your change and save again", null);
    }
  }

  /** The database stayed locked by another process through every retry (HTTP 503: try again). */
  public static final class Busy extends StoreException {
    private static final long serialVersionUID = 1L;

    public Busy(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The database failed (disk, lock timeout, corruption): a server-side failure (HTTP 500). */
  public static final class Failure extends StoreException {
    private static final long serialVersionUID = 1L;

    public Failure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
