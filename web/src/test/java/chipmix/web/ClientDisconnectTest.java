package chipmix.web;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A client that closes its connection while its long request is worked on: the server notices
 * (ClientGone) and the model stops at its next cancellation check, so the only worker is free
 * for the next request at once. Raw sockets, so the test controls exactly when the client goes.
 */
class ClientDisconnectTest {
  static final Catalog CATALOG = CatalogLoader.bundled();

  /**
   * A search over hundreds of millions of layouts (about 30 s on the 2-core development machine):
   * a deep, narrow MoE model whose 1,680 layers, 840 heads and 5,040 experts divide many ways, on
   * 720,720 devices (a highly composite count) with a 72-device scale-up domain.
   */
  static final String SLOW_SEARCH = "{\"model\":{\"name\":\"deep-narrow-moe\",\"layers\":1680,\"hidden\":1680,\"heads\":840,"
      + "\"kv_heads\":840,\"head_dim\":2,\"ffn_hidden\":3360,\"vocab\":1000,"
      + "\"moe\":{\"experts\":5040,\"top_k\":1,\"expert_ffn_hidden\":64}},"
      + "\"chip\":\"gb200\",\"devices\":720720,\"seq_len\":64,\"global_batch\":97297200,\"top\":1,"
      + "\"recipe\":\"megatron-core-2024\",\"scale_out_gbps\":400}";

  static final String QUICK_ESTIMATE =
      "{\"model\":\"llama3-70b\",\"chip\":\"h100-sxm\",\"devices\":1024,\"seq_len\":8192,\"global_batch\":512}";

  /**
   * Generous for a loaded CI machine (an estimate takes well under a second alone); the proof that
   * the search stopped is the cancellation counter, which moves only when it stops at a check.
   */
  static final Duration PROMPTLY = Duration.ofSeconds(15);

  /** How long a wait for the server's state may take before the test fails, for the same reason. */
  static final Duration PATIENCE = Duration.ofSeconds(60);

  WebServer server;

  @BeforeEach
  void start() {
    server = WebServer.start("127.0.0.1", 0, List.of(new TrainRoutes(CATALOG)), 1, Optional.empty());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  @DisplayName("a client closing its socket during a search stops the search, and the only worker serves the next request at once")
  void closedConnection_duringSearch_stopsTheSearch() throws Exception {
    Socket client = open();
    write(client, post("/api/train/search", SLOW_SEARCH));
    waitFor(() -> server.longRequests().running() == 1, "the search to start");

    long closed = System.nanoTime();
    client.close();

    // the counter moves only when the search stops at a cancellation check, not when it finishes;
    // without the watch, the earliest it could move is the 60 s time limit
    waitFor(() -> server.cancelledWhileRunning() == 1, "the search to stop");
    assertThat(Duration.ofNanos(System.nanoTime() - closed)).isLessThan(PROMPTLY);
    long start = System.nanoTime();
    try (Socket next = open()) {
      write(next, post("/api/train/estimate", QUICK_ESTIMATE));
      Answer a = read(next.getInputStream());
      assertThat(a.status()).as(a.body()).isEqualTo(200);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPTLY);
    // the worker counts as busy until its task returns, just after the answer is sent
    waitFor(() -> server.longRequests().equals(new WebServer.LongRequests(0, 0)), "the worker to be idle");
    assertThat(server.cancelledWhileRunning()).isEqualTo(1);
  }

  @Test
  @DisplayName("a waiting request whose client leaves is dropped from the queue before it runs")
  void closedConnection_whileQueued_dropsTheRequest() throws Exception {
    try (Socket first = open()) {
      write(first, post("/api/train/search", SLOW_SEARCH));
      waitFor(() -> server.longRequests().running() == 1, "the first search to start");
      Socket second = open();
      write(second, post("/api/train/search", SLOW_SEARCH));
      waitFor(() -> server.longRequests().queued() == 1, "the second search to wait");

      second.close();

      waitFor(() -> server.longRequests().queued() == 0, "the second search to leave the queue");
      assertThat(server.longRequests().running()).isEqualTo(1);
    }
    waitFor(() -> server.cancelledWhileRunning() == 1, "the first search to stop");
  }

  @Test
  @DisplayName("long requests one after another on a kept-alive connection are all answered (the watch leaves the next read to Jetty)")
  void keptAliveConnection_answersEachRequest() throws Exception {
    try (Socket client = open()) {
      for (int i = 0; i < 3; i++) {
        write(client, post("/api/train/estimate", QUICK_ESTIMATE));
        Answer a = read(client.getInputStream());
        assertThat(a.status()).as("request %d: %s", i + 1, a.body()).isEqualTo(200);
        assertThat(a.header("connection")).as("request %d", i + 1).isNotEqualTo("close");
      }
    }
    assertThat(server.cancelledWhileRunning()).isZero();
  }

  @Test
  @DisplayName("two pipelined long requests are both answered, in order (their bytes are not taken for a close)")
  void pipelinedRequests_areBothAnswered() throws Exception {
    try (Socket client = open()) {
      String bad = "{\"model\":\"llama3-70b\",\"chip\":\"h100-sxm\",\"devices\":1024,\"seq_len\":8192,\"global_batch\":512,\"tp\":3}";
      write(client, post("/api/train/estimate", QUICK_ESTIMATE) + post("/api/train/estimate", bad));
      InputStream in = client.getInputStream();
      Answer first = read(in);
      Answer second = read(in);
      assertThat(first.status()).as(first.body()).isEqualTo(200);
      assertThat(second.status()).as(second.body()).isEqualTo(400);
      assertThat(second.body()).contains("\"tp\"");
    }
    assertThat(server.cancelledWhileRunning()).isZero();
  }

  // ---- a minimal HTTP/1.1 client over a socket

  record Answer(int status, java.util.Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name);
    }
  }

  private Socket open() throws IOException {
    Socket s = new Socket("127.0.0.1", server.port());
    s.setSoTimeout(120_000);
    return s;
  }

  private String post(String path, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + body.length + "\r\n\r\n" + json;
  }

  private static void write(Socket s, String request) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(request.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Reads one answer: its head, then a Content-Length or chunked body. */
  private static Answer read(InputStream in) throws IOException {
    String statusLine = line(in);
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    java.util.Map<String, String> headers = new java.util.HashMap<>();
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      int c = h.indexOf(':');
      headers.put(h.substring(0, c).strip().toLowerCase(Locale.ROOT), h.substring(c + 1).strip());
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      for (int size = Integer.parseInt(line(in).split(";")[0].strip(), 16); size > 0;
          size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) {
        body.write(in.readNBytes(size));
        line(in);
      }
      line(in);
    } else {
      body.write(in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0"))));
    }
    return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("the server closed the connection after: " + b);
      }
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }

  private void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + PATIENCE.toSeconds() + " s waiting for " + what + "; long requests " + server.longRequests()
            + ", cancelled while running " + server.cancelledWhileRunning());
      }
      Thread.sleep(20);
    }
  }
}
