package chipmix.web;

import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * Cancels the work of a request that Jetty fails while it is being worked on (the server
 * stopping, the connection failing on an I/O error). Note: over HTTP/1.1 Jetty does not read
 * from a connection while its request is being handled, so a client that simply closes its
 * socket is noticed only when the answer is written; until then the work is bounded by
 * {@link Limits#REQUEST_TIME_LIMIT} and the worker queue by {@link Limits#QUEUED_PER_WORKER}.
 */
final class ClientGone {
  private ClientGone() {}

  /** Runs {@code cancel} if the request of {@code ctx} fails before the answer is sent. */
  static void onDisconnect(Context ctx, Runnable cancel) {
    ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
    if (request != null) {
      request.addFailureListener(failure -> cancel.run());
    }
  }
}
