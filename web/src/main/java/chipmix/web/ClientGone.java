package chipmix.web;

import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/** Notices a client that closes its connection while its request is still being worked on. */
final class ClientGone {
  private ClientGone() {}

  /** Runs {@code cancel} if the connection of {@code ctx} fails (closed by the client) before the answer is sent. */
  static void onDisconnect(Context ctx, Runnable cancel) {
    ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
    if (request != null) {
      request.addFailureListener(failure -> cancel.run());
    }
  }
}
