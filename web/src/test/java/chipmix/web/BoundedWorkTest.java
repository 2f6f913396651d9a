package chipmix.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bounded work per request: the worker queue, the time limit, cancellation, paging, the stored result cap. */
class BoundedWorkTest {
  @TempDir Path dir;
  FakeScenarioEngine engine;
  WebApp app;
  Http http;

  @BeforeEach
  void start() {
    engine = new FakeScenarioEngine();
    app = WebApp.start(new WebApp.Settings("127.0.0.1", 0, dir.resolve("b.db"), TestCatalog.catalog(), engine));
    http = new Http(app.port());
  }

  @AfterEach
  void stop() {
    engine.release.countDown();
    app.close();
  }

  // --- the worker pool

  @Test
  @DisplayName("a full worker queue answers 503 busy at once instead of queueing without bound")
  void workers_fullQueue_isBusy() throws Exception {
    CountDownLatch hold = new CountDownLatch(1);
    try (Workers w = new Workers(1, 1, Duration.ofSeconds(30))) {
      w.submit(() -> hold.await(10, TimeUnit.SECONDS));
      w.submit(() -> true);
      assertThatThrownBy(() -> w.submit(() -> true)).isInstanceOf(Refusal.class)
          .satisfies(e -> assertThat(((Refusal) e).status()).isEqualTo(503));
      hold.countDown();
    }
  }

  @Test
  @DisplayName("a task over the time limit fails with 504 timeout and its thread is interrupted")
  void workers_timeLimit_cancelsTheTask() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    try (Workers w = new Workers(1, 1, Duration.ofMillis(200))) {
      CompletableFuture<Object> f = w.submit(() -> {
        try {
          Thread.sleep(20_000);
        } catch (InterruptedException e) {
          interrupted.countDown();
        }
        return null;
      });
      assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(Refusal.class)
          .satisfies(e -> assertThat(((Refusal) e.getCause()).status()).isEqualTo(504));
      assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the running task was interrupted").isTrue();
    }
  }

  @Test
  @DisplayName("cancelling a queued task (its client went away) drops it: it never runs")
  void workers_cancelledQueuedTask_neverRuns() throws Exception {
    CountDownLatch hold = new CountDownLatch(1);
    AtomicBoolean ran = new AtomicBoolean();
    try (Workers w = new Workers(1, 2, Duration.ofSeconds(30))) {
      CompletableFuture<Boolean> first = w.submit(() -> hold.await(10, TimeUnit.SECONDS));
      CompletableFuture<Boolean> queued = w.submit(() -> ran.getAndSet(true));
      queued.cancel(true);
      assertThat(w.queued()).isZero();
      hold.countDown();
      first.get(5, TimeUnit.SECONDS);
      Thread.sleep(100);
      assertThat(ran).isFalse();
    }
  }

  // --- paging and stored results

  @Test
  @DisplayName("GET /api/scenarios pages with limit and offset and says the total")
  void scenarios_arePaged() {
    for (int i = 0; i < 5; i++) {
      assertThat(http.post("/api/scenarios", "{\"name\":\"s" + i + "\",\"yaml\":\"name: s\\nchips: 1\\n\"}").status()).isEqualTo(201);
    }
    JsonNode page = http.get("/api/scenarios?limit=2&offset=3").json();
    assertThat(page.get("scenarios")).hasSize(2);
    assertThat(page.get("total").asInt()).isEqualTo(5);
    assertThat(page.get("limit").asInt()).isEqualTo(2);
    assertThat(page.get("offset").asInt()).isEqualTo(3);
    assertThat(http.get("/api/scenarios").json().get("limit").asInt()).isEqualTo(Limits.DEFAULT_PAGE);
    Http.Response bad = http.get("/api/scenarios?limit=" + (Limits.MAX_PAGE + 1) + "&offset=-1");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(SecurityApiTest.paths(bad.json())).containsExactly("limit", "offset");
  }

  @Test
  void runs_arePaged() {
    String id = http.post("/api/scenarios", "{\"name\":\"r\",\"yaml\":\"name: r\\nchips: 1\\n\"}").json().get("id").asText();
    for (int i = 0; i < 3; i++) {
      assertThat(http.post("/api/scenarios/" + id + "/runs", "").status()).isEqualTo(201);
    }
    JsonNode page = http.get("/api/scenarios/" + id + "/runs?limit=1").json();
    assertThat(page.get("runs")).hasSize(1);
    assertThat(page.get("total").asInt()).isEqualTo(3);
  }

  @Test
  @DisplayName("a run whose report is over the stored-result limit is recorded as failed naming the limit, not stored")
  void run_resultOverLimit_isFailedNamingTheLimit() {
    String yaml = "name: big\\nchips: 1\\nresult_bytes: " + (Limits.MAX_RESULT_BYTES + 1) + "\\n";
    String id = http.post("/api/scenarios", "{\"name\":\"big\",\"yaml\":\"" + yaml + "\"}").json().get("id").asText();
    Http.Response r = http.post("/api/scenarios/" + id + "/runs", "");
    assertThat(r.status()).isEqualTo(201);
    JsonNode run = r.json();
    assertThat(run.get("status").asText()).isEqualTo("failed");
    assertThat(run.get("error").get("code").asText()).isEqualTo("limit_exceeded");
    assertThat(run.get("error").get("message").asText()).contains("Limits.MAX_RESULT_BYTES");
    assertThat(r.body().length()).isLessThan(5_000);
  }
}
