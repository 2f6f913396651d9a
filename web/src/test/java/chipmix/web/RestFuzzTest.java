package chipmix.web;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and garbled JSON bodies (and path and query values) at every REST route of a server
 * in this JVM, on the bundled catalog and the real planner: every answer is a 2xx or 4xx JSON
 * document (503 busy is allowed), never a 500, never a stack trace, never the content of a file
 * on the server. Bodies are built from each route's own field names with values of every type,
 * then sometimes cut or garbled. Bounded (a fixed number of tries, bounded shrinking) so it runs
 * in every build in well under 30 s.
 */
class RestFuzzTest {
  static final String SECRET = "FUZZ-SECRET-5c1e";
  static Path dir;
  static Path secret;
  static WebApp app;
  static String scenarioId;
  static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A route to fuzz: method and path with {@code {id}} and {@code {runId}} placeholders. */
  record Route(String method, String path) {}

  static final List<Route> ROUTES = List.of(
      new Route("GET", "/api/chips"), new Route("GET", "/api/chips/compare"), new Route("GET", "/api/chips/{id}"),
      new Route("GET", "/api/export/countries"), new Route("GET", "/api/models"), new Route("GET", "/api/openapi.json"),
      new Route("GET", "/api/scenarios"), new Route("GET", "/api/scenarios/example"), new Route("GET", "/api/scenarios/{id}"),
      new Route("GET", "/api/scenarios/{id}/runs"), new Route("GET", "/api/scenarios/{id}/runs/{runId}"),
      new Route("POST", "/api/export/check"), new Route("POST", "/api/export/matrix"),
      new Route("POST", "/api/export/timeline"), new Route("POST", "/api/infer/estimate"),
      new Route("POST", "/api/infer/size"), new Route("POST", "/api/scenarios"),
      new Route("POST", "/api/scenarios/validate"), new Route("POST", "/api/scenarios/{id}/runs"),
      new Route("POST", "/api/train/estimate"), new Route("POST", "/api/train/search"),
      new Route("PUT", "/api/scenarios/{id}"), new Route("DELETE", "/api/scenarios/{id}"));

  /** Every field name any route reads, so generated bodies reach the checks and not only "unknown key". */
  static final List<String> FIELDS;

  static {
    Set<String> f = new TreeSet<>(TrainRoutes.FIELDS);
    f.addAll(InferRoutes.SIZE_FIELDS);
    f.addAll(InferRoutes.ESTIMATE_FIELDS);
    f.addAll(List.of("top", "objective", "to", "date", "until", "buyer_hq", "from", "parties", "name", "yaml", "version",
        "limit", "offset", "unknown_key"));
    FIELDS = List.copyOf(f);
  }

  @BeforeContainer
  static void start() throws IOException {
    dir = Files.createTempDirectory("chipmix-fuzz");
    secret = dir.resolve("secret.txt");
    Files.writeString(secret, SECRET + "\n");
    Catalog catalog = CatalogLoader.bundled();
    app = WebApp.start(new WebApp.Settings("127.0.0.1", 0, dir.resolve("fuzz.db"), catalog,
        PlannerEngine.bundled(catalog, List.of())));
    HttpResponse<String> created = send("POST", "/api/scenarios", "{\"name\":\"fuzz\",\"yaml\":\"name: fuzz\\n\"}");
    scenarioId = Json.parse(created.body(), "r").get("id").asText();
  }

  @AfterContainer
  static void stop() throws IOException {
    app.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Property(tries = 250, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.MIXIN)
  void everyRoute_answersJson2xxOr4xx_neverAStackTraceOrAFile(@ForAll("requests") Request request) {
    HttpResponse<String> r = send(request.method(), request.target(), request.body());
    String body = r.body();
    Statistics.label("status").collect(r.statusCode());
    assertThat(r.statusCode()).as("%s %s %s -> %s", request.method(), request.target(), request.body(), body)
        .isBetween(200, 503).isNotIn(500, 501, 502);
    if (r.statusCode() != 204) {
      assertThat(r.headers().firstValue("Content-Type").orElse("")).as(body).startsWith("application/json");
      Json.parse(body, "answer"); // parses
    }
    assertThat(body).doesNotContain(SECRET).doesNotContain("root:x:0").doesNotContain("\tat ")
        .doesNotContain("Exception").doesNotContain("<html");
  }

  record Request(String method, String target, String body) {}

  @Provide
  Arbitrary<Request> requests() {
    Arbitrary<Route> route = Arbitraries.of(ROUTES);
    Arbitrary<String> pathValue = Arbitraries.oneOf(Arbitraries.of("h20", "h100", "ascend-910b", "x", "..", "%2e%2e",
        "%00", "a%20b", "../../etc/passwd"), Arbitraries.strings().alpha().numeric().ofMaxLength(40));
    Arbitrary<String> query = Arbitraries.oneOf(Arbitraries.just(""),
        Arbitraries.of("?ids=h20,ascend-910b", "?ids=", "?ids=h20", "?limit=2&offset=1", "?limit=-1", "?limit=abc",
            "?offset=99999999999", "?limit=1000000"),
        pathValue.map(v -> "?ids=" + URLEncoder.encode(v, StandardCharsets.UTF_8) + "&limit=" + v.length()));
    return Combinators.combine(route, pathValue, query, bodies(), Arbitraries.integers().between(0, 9))
        .as((rt, id, q, body, pick) -> {
          String path = rt.path().replace("{id}", pick < 4 ? scenarioId : URLEncoder.encode(id, StandardCharsets.UTF_8))
              .replace("{runId}", URLEncoder.encode(id, StandardCharsets.UTF_8));
          if (rt.path().startsWith("/api/chips/") && !rt.path().endsWith("compare")) {
            path = "/api/chips/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
          }
          return new Request(rt.method(), path + q, rt.method().equals("GET") || rt.method().equals("DELETE") ? "" : body);
        });
  }

  /** JSON objects over the routes' fields with values of every type; sometimes cut short or garbled. */
  Arbitrary<String> bodies() {
    Arbitrary<String> object = Arbitraries.maps(Arbitraries.of(FIELDS), values(2)).ofMaxSize(8).map(Json::write);
    Arbitrary<String> garbled = Combinators.combine(object, Arbitraries.integers().between(0, 200),
        Arbitraries.of("", "{", "}", "\"", "\\", "\u0000", "\uFFFF", "\uD800", ",", ":", "[", "1e999", "NaN", "-"))
        .as((text, at, junk) -> {
          int cut = Math.min(at, text.length());
          return text.substring(0, cut) + junk + text.substring(cut);
        });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, object),
        net.jqwik.api.Tuple.of(3, garbled),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("", "null", "[]", "42", "\"text\"", "{}", "{\"a\":", "[[[[[[[[[[")),
        net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(60)));
  }

  Arbitrary<Object> values(int depth) {
    List<Arbitrary<?>> leaves = new ArrayList<>(List.of(
        Arbitraries.of("llama3-70b", "llama3-8b", "deepseek-v3", "h20", "h100", "h100-sxm", "ascend-910b", "CN", "DE",
            "US", "2025-06-01", "2020-01-01", "bf16", "fp8", "time", "cost", "full", "dist-opt", "", " ",
            "/etc/passwd", "file:///etc/passwd", "../../../../etc/passwd", "~/.ssh/id_rsa", "NaN", "Infinity",
            "<script>alert(1)</script>", "name: x\nchips: [\n", "name: a\nfleet: *x\n"),
        Arbitraries.just(secret.toString()),
        Arbitraries.integers(), Arbitraries.longs(), Arbitraries.of(0, 1, -1, 8, 64, 1024, 4096, 16384, Integer.MAX_VALUE),
        Arbitraries.doubles(), Arbitraries.of(1e308, -1e308, 1e-320, 0.5, 1e8),
        Arbitraries.of(true, false), Arbitraries.strings().ofMaxLength(30)));
    if (depth > 0) {
      leaves.add(Arbitraries.lazy(() -> values(depth - 1)).list().ofMaxSize(5));
      leaves.add(Arbitraries.maps(Arbitraries.of(FIELDS), Arbitraries.lazy(() -> values(depth - 1))).ofMaxSize(4)
          .map(m -> (Object) new LinkedHashMap<>(m)));
    }
    @SuppressWarnings("unchecked")
    Arbitrary<Object> any = (Arbitrary<Object>) (Arbitrary<?>) Arbitraries.oneOf((List) leaves);
    return any.injectNull(0.05);
  }

  static HttpResponse<String> send(String method, String target, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + target))
        .timeout(Duration.ofSeconds(90));
    if (body.isEmpty()) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    try {
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("request failed: " + method + " " + target + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

}
