package chipmix.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices a client that goes away while its long request is worked on, and cancels the work.
 *
 * <p>Over HTTP/1.1 Jetty reads nothing from a connection while its request is handled, so a
 * client that closes its socket would be noticed only when the answer is written (a request
 * failure listener never fires). Once the request body has been read, the watch asks the
 * connection's endpoint to call it back when the socket becomes readable ({@link
 * EndPoint#tryFillInterested}: the selector wake-up Jetty itself uses between requests). A
 * client waiting for its answer sends nothing, so a readable socket means it closed the
 * connection (FIN: a read returns -1) or reset it; the watch then runs its cancel action, within
 * milliseconds of the close. A client that half-closes its side after sending (shutdown(SHUT_WR))
 * is treated as gone too, as Go's net/http does.
 *
 * <p>Bytes a client pipelines (its next request) are left to Jetty: when the socket holds any,
 * the watch stops without reading. Should one arrive in the instant between that check and the
 * read that looks for the end of the stream, the byte is lost, so {@link #readPastRequest()}
 * asks for the connection to be closed after the answer (a client must retry a pipelined request
 * a closed connection did not answer). Before the answer is written the watch withdraws its
 * interest ({@link Watch#stop()}), so Jetty's own read of the next request finds none pending.
 *
 * <p>Failures Jetty reports on the request (the server stopping, an I/O error) cancel the work as
 * well. A client that vanishes without closing (a cable pulled) is not noticed; its work ends at
 * {@link Limits#REQUEST_TIME_LIMIT}. Only HTTP/1 connections over plain sockets are watched (the
 * server speaks no other).
 */
final class ClientGone {
  private static final Logger LOG = LoggerFactory.getLogger(ClientGone.class);

  private ClientGone() {}

  /** The watch over one request; stop it before the answer is written. */
  interface Watch {
    /** Withdraws the watch; afterwards its cancel action no longer runs. */
    void stop();

    /** Whether a byte after this request was read (and lost): the connection must be closed after the answer. */
    boolean readPastRequest();
  }

  private static final Watch NONE = new Watch() {
    @Override
    public void stop() {}

    @Override
    public boolean readPastRequest() {
      return false;
    }
  };

  /**
   * Starts watching the connection of {@code ctx}, whose body must have been read, and runs
   * {@code cancel} (once, on a server thread) if the client goes away before {@link Watch#stop()}.
   */
  static Watch watch(Context ctx, Runnable cancel) {
    ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
    if (request == null) {
      return NONE;
    }
    String what = ctx.method() + " " + ctx.path();
    request.addFailureListener(failure -> {
      LOG.info("{}: the request failed ({}); cancelling its work", what, failure.toString());
      cancel.run();
    });
    EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
    // HTTP/2 reads its connection all along, for every stream: only an HTTP/1 connection is idle while handled
    boolean http1 = request.getConnectionMetaData().getHttpVersion().getVersion() < HttpVersion.HTTP_2.getVersion();
    if (!http1 || !(endPoint instanceof SocketChannelEndPoint socket)) {
      return NONE;
    }
    SocketWatch watch = new SocketWatch(socket, cancel, what);
    watch.arm();
    return watch;
  }

  /** What a readable socket holds. */
  private enum Probe {
    /** The client closed or reset the connection. */
    GONE,
    /** Bytes of a next request, left unread. */
    PIPELINED,
    /** One byte of a next request, read and lost. */
    BYTE_TAKEN,
    /** Nothing: a wake-up without data; watch on. */
    NOTHING
  }

  /** The fill-interest callback: {@code succeeded} when the socket is readable, {@code failed} when the endpoint fails or closes. */
  private static final class SocketWatch implements Watch, Callback {
    private final SocketChannelEndPoint endPoint;
    private final Runnable cancel;
    private final String what;
    private boolean stopped; // guarded by this
    private boolean registered; // guarded by this: our interest is pending on the endpoint
    private volatile boolean readPastRequest;

    SocketWatch(SocketChannelEndPoint endPoint, Runnable cancel, String what) {
      this.endPoint = endPoint;
      this.cancel = cancel;
      this.what = what;
    }

    synchronized void arm() {
      if (!stopped) {
        // false when Jetty is reading itself (it is not, once the body is read): then there is nothing to add
        registered = endPoint.tryFillInterested(this);
      }
    }

    @Override
    public void succeeded() {
      synchronized (this) {
        registered = false;
        if (stopped) {
          return;
        }
      }
      switch (probe()) {
        case GONE -> gone("the client closed the connection");
        case PIPELINED -> LOG.debug("{}: the client sent more bytes (a pipelined request); no longer watched", what);
        case BYTE_TAKEN -> readPastRequest = true;
        case NOTHING -> arm();
      }
    }

    @Override
    public void failed(Throwable x) {
      synchronized (this) {
        registered = false;
        if (stopped) {
          return;
        }
      }
      gone("the connection failed (" + x + ")");
    }

    @Override
    public synchronized void stop() {
      if (stopped) {
        return;
      }
      stopped = true;
      if (registered) {
        // only our interest can be pending: Jetty registers its own after the answer, which follows this
        registered = false;
        endPoint.getFillInterest().onFail(new CancellationException("the answer is ready"));
      }
    }

    @Override
    public boolean readPastRequest() {
      return readPastRequest;
    }

    @Override
    public InvocationType getInvocationType() {
      return InvocationType.BLOCKING; // cancelling may write the answer: not on the selector thread
    }

    private void gone(String why) {
      LOG.info("{}: {} before the answer; cancelling its work", what, why);
      cancel.run();
    }

    private Probe probe() {
      try {
        if (endPoint.getChannel().socket().getInputStream().available() > 0) {
          return Probe.PIPELINED;
        }
        ByteBuffer one = BufferUtil.allocate(1);
        int n = endPoint.fill(one);
        return n < 0 ? Probe.GONE : n == 0 ? Probe.NOTHING : Probe.BYTE_TAKEN;
      } catch (IOException e) {
        return Probe.GONE; // reset, or input already shut down
      }
    }
  }
}
