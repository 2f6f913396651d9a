package chipmix.web;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.model.ModelPresets;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server's security model (docs/web.md, "Security model") over real HTTP: no file read on a
 * client's behalf, Host and Origin checks, JSON bodies only, security headers, Jetty's own errors
 * as JSON, list limits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityApiTest {
  @TempDir static Path dir;
  static final Catalog CATALOG = CatalogLoader.bundled();
  static final String SECRET = "TOP-SECRET-CONTENT-7f3a";
  WebApp app;
  Http http;
  Path secretFile;
  Path modelFile;

  @BeforeAll
  void start() throws Exception {
    app = WebApp.start(new WebApp.Settings("127.0.0.1", 0, dir.resolve("s.db"), CATALOG, new FakeScenarioEngine()));
    http = new Http(app.port());
    secretFile = dir.resolve("id_rsa");
    Files.writeString(secretFile, "-----BEGIN KEY-----\n" + SECRET + "\n-----END KEY-----\n");
    modelFile = dir.resolve("mine.yaml");
    Files.writeString(modelFile, "{name: " + SECRET + ", layers: 2, hidden: 512, heads: 8, ffn_hidden: 2048, vocab: 1000}");
  }

  @AfterAll
  void stop() {
    app.close();
  }

  // --- 1. no file access from API input

  static final List<String> MODEL_ROUTES = List.of("/api/train/estimate", "/api/train/search", "/api/infer/estimate",
      "/api/infer/size");

  private static String body(String route, String modelJson) {
    return switch (route) {
      case "/api/train/estimate", "/api/train/search" ->
          "{\"model\":" + modelJson + ",\"chip\":\"h100\",\"devices\":8,\"seq_len\":4096,\"global_batch\":64}";
      case "/api/infer/estimate" ->
          "{\"model\":" + modelJson + ",\"chip\":\"h100\",\"prompt_tokens\":1000,\"output_tokens\":100}";
      default -> "{\"model\":" + modelJson + ",\"prompt_tokens\":1000,\"output_tokens\":100,\"demand_rps\":1,"
          + "\"ttft_ms\":2000,\"tpot_ms\":50}";
    };
  }

  @Test
  @DisplayName("a file path as model is a 400 naming 'model' and listing the presets, with none of the file's content, on every route")
  void model_filePath_is400ListingPresets_withoutFileContent() {
    for (String route : MODEL_ROUTES) {
      for (Path file : List.of(secretFile, modelFile, Path.of("/etc/passwd"))) {
        Http.Response r = http.post(route, body(route, Http.q(file.toString())));
        assertThat(r.status()).as(route + " " + r.body()).isEqualTo(400);
        assertThat(r.body()).doesNotContain(SECRET).doesNotContain("root:");
        JsonNode issue = issueAt(r.json(), "model");
        assertThat(issue).as(r.body()).isNotNull();
        assertThat(issue.get("message").asText()).contains("not a model preset")
            .contains(ModelPresets.names().get(0)).contains(ModelPresets.names().get(ModelPresets.names().size() - 1));
      }
    }
  }

  @Test
  @DisplayName("a file path as the speculative-decoding draft model is a 400 naming draft_model, with none of the file's content")
  void draftModel_filePath_is400WithoutFileContent() {
    for (Path file : List.of(secretFile, modelFile)) {
      Http.Response r = http.post("/api/infer/estimate", "{\"model\":\"llama3-70b\",\"chip\":\"h100\",\"prompt_tokens\":1000,"
          + "\"output_tokens\":100,\"spec\":\"draft\",\"accept_length\":1.8,\"draft_tokens\":4,\"draft_model\":"
          + Http.q(file.toString()) + "}");
      assertThat(r.status()).as(r.body()).isEqualTo(400);
      assertThat(r.body()).doesNotContain(SECRET);
      assertThat(issueAt(r.json(), "draft_model").get("message").asText()).contains("not a model preset");
    }
  }

  @Test
  @DisplayName("a model given inline as an object is estimated under its own name")
  void model_inlineObject_isUsed() {
    String inline = "{\"name\":\"tiny\",\"layers\":2,\"hidden\":512,\"heads\":8,\"ffn_hidden\":2048,\"vocab\":1000}";
    Http.Response r = http.post("/api/train/estimate", body("/api/train/estimate", inline));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("tiny");
  }

  @Test
  void model_inlineObjectWithProblems_listsEachUnderModel() {
    Http.Response r = http.post("/api/infer/size", body("/api/infer/size", "{\"layers\":0,\"hidden\":512,\"heads\":8}"));
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    List<String> paths = paths(r.json());
    assertThat(paths).contains("model.ffn_hidden", "model.vocab").doesNotContain("model");
  }

  @Test
  void model_ofAnotherType_isNamed() {
    Http.Response r = http.post("/api/train/estimate", body("/api/train/estimate", "[1,2]"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(issueAt(r.json(), "model").get("message").asText()).contains("preset name or a model object");
  }

  // --- 2. only its user can drive the server

  @Test
  @DisplayName("a foreign Host header (DNS rebinding) gets a 403 JSON answer, on the API and on the pages")
  void host_foreign_is403Json() {
    for (String path : List.of("/api/scenarios", "/", "/app.js")) {
      RawHttp.Response r = RawHttp.send(app.port(), "GET " + path + " HTTP/1.1\r\nHost: evil.example:" + app.port(), "");
      assertThat(r.status()).as(path).isEqualTo(403);
      assertThat(r.json().get("error").get("code").asText()).isEqualTo("host_not_allowed");
    }
    RawHttp.Response post = RawHttp.send(app.port(), "POST /api/scenarios HTTP/1.1\r\nHost: evil.example\r\n"
        + "Content-Type: application/json", "{\"name\":\"x\",\"yaml\":\"name: x\\nchips: 1\\n\"}");
    assertThat(post.status()).isEqualTo(403);
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "127.0.0.1", "[::1]", "LOCALHOST"})
  void host_loopbackNames_areServed(String host) {
    RawHttp.Response r = RawHttp.send(app.port(), "GET /api/models HTTP/1.1\r\nHost: " + host + ":" + app.port(), "");
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  @DisplayName("a POST from a page on another origin is refused with 403; the server's own origin is served")
  void origin_foreign_is403_own_isServed() {
    String scenario = "{\"name\":\"x\",\"yaml\":\"name: x\\nchips: 1\\n\"}";
    for (String origin : List.of("http://evil.example", "http://localhost:1", "null", "file://")) {
      RawHttp.Response r = RawHttp.send(app.port(), "POST /api/scenarios HTTP/1.1\r\nHost: localhost:" + app.port()
          + "\r\nOrigin: " + origin + "\r\nContent-Type: application/json", scenario);
      assertThat(r.status()).as(origin).isEqualTo(403);
      assertThat(r.json().get("error").get("code").asText()).isEqualTo("origin_not_allowed");
    }
    RawHttp.Response own = RawHttp.send(app.port(), "POST /api/scenarios HTTP/1.1\r\nHost: localhost:" + app.port()
        + "\r\nOrigin: http://localhost:" + app.port() + "\r\nContent-Type: application/json", scenario);
    assertThat(own.status()).isEqualTo(201);
    RawHttp.Response crossSite = RawHttp.send(app.port(), "DELETE /api/scenarios/x HTTP/1.1\r\nHost: localhost:"
        + app.port() + "\r\nSec-Fetch-Site: cross-site", "");
    assertThat(crossSite.status()).isEqualTo(403);
  }

  @Test
  @DisplayName("a body sent as text/plain (a no-cors form post) or without a type is refused with 415")
  void contentType_notJson_is415() {
    for (String type : List.of("Content-Type: text/plain", "Content-Type: application/x-www-form-urlencoded", "X-None: 1")) {
      RawHttp.Response r = RawHttp.send(app.port(), "POST /api/scenarios HTTP/1.1\r\nHost: localhost\r\n" + type,
          "{\"name\":\"x\",\"yaml\":\"name: x\\nchips: 1\\n\"}");
      assertThat(r.status()).as(type).isEqualTo(415);
      assertThat(r.json().get("error").get("code").asText()).isEqualTo("unsupported_media_type");
    }
    RawHttp.Response charset = RawHttp.send(app.port(), "POST /api/scenarios/validate HTTP/1.1\r\nHost: localhost\r\n"
        + "Content-Type: application/json; charset=utf-8", "{\"yaml\":\"name: x\\nchips: 1\\n\"}");
    assertThat(charset.status()).isEqualTo(200);
  }

  @Test
  @DisplayName("pages and API answers carry CSP, X-Frame-Options DENY, nosniff and Referrer-Policy")
  void securityHeaders_onPagesApiAndErrors() {
    for (String path : List.of("/", "/app.js", "/api/chips", "/api/no-such-route")) {
      RawHttp.Response r = RawHttp.send(app.port(), "GET " + path + " HTTP/1.1\r\nHost: localhost", "");
      assertThat(r.header("Content-Security-Policy")).as(path).contains("script-src 'self'").contains("frame-ancestors 'none'");
      assertThat(r.header("X-Frame-Options")).as(path).isEqualTo("DENY");
      assertThat(r.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
      assertThat(r.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
    }
  }

  @Test
  @DisplayName("the page loads no inline script, so the CSP needs no 'unsafe-inline' for scripts")
  void indexHtml_hasNoInlineScript() {
    String html = http.get("/").body();
    assertThat(html).containsPattern("<script src=");
    assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>").doesNotContainPattern("\\bon[a-z]+=\"");
  }

  // --- 5. Jetty's own errors

  @Test
  @DisplayName("Jetty's own 414 (URI too long), 431 (headers too large) and 400 (malformed request) are JSON error bodies")
  void jettyErrors_areJson() {
    RawHttp.Response longUri = RawHttp.send(app.port(), "GET /api/chips?x=" + "a".repeat(70_000) + " HTTP/1.1\r\nHost: localhost", "");
    assertThat(longUri.status()).isIn(414, 431);
    assertJsonError(longUri);
    RawHttp.Response bigHeader = RawHttp.send(app.port(), "GET /api/chips HTTP/1.1\r\nHost: localhost\r\nX-Big: "
        + "b".repeat(70_000), "");
    assertThat(bigHeader.status()).isEqualTo(431);
    assertJsonError(bigHeader);
    RawHttp.Response bad = RawHttp.send(app.port(), "GET /api/chips HTTP/1.1\r\nHost: localhost\r\nBad Header", "");
    assertThat(bad.status()).isEqualTo(400);
    assertJsonError(bad);
  }

  private static void assertJsonError(RawHttp.Response r) {
    assertThat(r.header("Content-Type")).as(r.body()).startsWith("application/json");
    assertThat(r.json().get("error").get("code").asText()).isNotBlank();
    assertThat(r.body()).doesNotContain("<html").doesNotContain("at org.eclipse");
  }

  // --- 3. bounded work per request

  @Test
  @DisplayName("an export matrix of 5,000 x 5,000 distinct entries is refused with 422 naming the limit, before any work")
  void matrix_hugeLists_is422NamingTheLimit() {
    List<String> chips = new ArrayList<>();
    List<String> to = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      chips.add("chip-" + i);
      to.add("X" + i);
    }
    Http.Response r = http.post("/api/export/matrix", Json.write(java.util.Map.of("chips", chips, "to", to)));
    assertThat(r.status()).isEqualTo(422);
    JsonNode e = r.json().get("error");
    assertThat(e.get("code").asText()).isEqualTo("limit_exceeded");
    assertThat(e.get("message").asText()).contains(String.valueOf(Limits.MAX_MATRIX_CHIPS)).contains("Limits.MAX_MATRIX_CHIPS");
    assertThat(r.body().length()).isLessThan(2_000);
  }

  @Test
  @DisplayName("repeated ids are counted once: 5,000 copies of one chip make a one-row matrix")
  void matrix_repeatedIds_areDeduplicated() {
    List<String> chips = java.util.Collections.nCopies(5_000, "h20");
    Http.Response r = http.post("/api/export/matrix", Json.write(java.util.Map.of("chips", chips, "to", List.of("CN", "cn", "DE"))));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("h20");
  }

  @Test
  @DisplayName("a body with more problems than the limit lists the first ones and says how many were omitted")
  void manyProblems_areCappedWithOmittedCount() {
    List<String> chips = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      chips.add("nochip-" + i);
    }
    List<String> to = new ArrayList<>();
    for (int i = 0; i < 27; i++) {
      to.add("Q" + (char) ('A' + i % 26) + i);
    }
    Http.Response r = http.post("/api/export/matrix", Json.write(java.util.Map.of("chips", chips, "to", to)));
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    JsonNode e = r.json().get("error");
    assertThat(e.get("issues")).hasSize(Limits.MAX_ISSUES);
    assertThat(e.get("omitted").asInt()).isEqualTo(90 + 27 - Limits.MAX_ISSUES);
  }

  @Test
  void serving_tooManyChips_is422() {
    List<String> chips = new ArrayList<>();
    for (int i = 0; i <= Limits.MAX_LIST_ITEMS; i++) {
      chips.add("c" + i);
    }
    Http.Response r = http.post("/api/infer/size", body("/api/infer/size", "\"llama3-8b\"").replace("}", ",\"chips\":"
        + Json.write(chips) + "}"));
    assertThat(r.status()).as(r.body()).isEqualTo(422);
    assertThat(r.body()).contains("Limits.MAX_LIST_ITEMS");
  }

  // --- token

  @Test
  @DisplayName("a server listening beyond loopback always has a token, and refuses requests without it")
  void nonLoopback_generatesAndRequiresToken() throws Exception {
    try (WebApp open = WebApp.start(new WebApp.Settings("0.0.0.0", 0, dir.resolve("open.db"), CATALOG,
        new FakeScenarioEngine()))) {
      assertThat(open.token()).isPresent();
      assertThat(open.token().get()).matches(WebApp.TOKEN);
      RawHttp.Response none = RawHttp.send(open.port(), "GET /api/scenarios HTTP/1.1\r\nHost: 127.0.0.1", "");
      assertThat(none.status()).isEqualTo(401);
      assertThat(none.json().get("error").get("code").asText()).isEqualTo("unauthorized");
      RawHttp.Response bearer = RawHttp.send(open.port(), "GET /api/scenarios HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Authorization: Bearer " + open.token().get(), "");
      assertThat(bearer.status()).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("?token= once sets an HttpOnly, SameSite=Strict cookie that carries the token from then on, and a page reloads "
      + "without the token in its address; a wrong token is 401")
  void token_queryOnce_setsStrictCookie() throws Exception {
    String token = "test-token-0123456789abcdef";
    try (WebApp guarded = WebApp.start(new WebApp.Settings("127.0.0.1", 0, dir.resolve("tok.db"), CATALOG,
        new FakeScenarioEngine(), Optional.of(token)))) {
      RawHttp.Response page = RawHttp.send(guarded.port(), "GET /?token=" + token + " HTTP/1.1\r\nHost: localhost", "");
      assertThat(page.status()).as("the page reloads without the token in its address").isEqualTo(303);
      assertThat(page.header("Location")).endsWith("/").doesNotContain(token);
      String cookie = page.header("Set-Cookie");
      assertThat(cookie).contains(AccessGuard.COOKIE + "=" + token).containsIgnoringCase("HttpOnly")
          .containsIgnoringCase("SameSite=Strict");
      RawHttp.Response withCookie = RawHttp.send(guarded.port(), "GET /api/scenarios HTTP/1.1\r\nHost: localhost\r\n"
          + "Cookie: " + AccessGuard.COOKIE + "=" + token, "");
      assertThat(withCookie.status()).isEqualTo(200);
      RawHttp.Response wrong = RawHttp.send(guarded.port(), "GET /api/scenarios?token=nope HTTP/1.1\r\nHost: localhost", "");
      assertThat(wrong.status()).isEqualTo(401);
      RawHttp.Response pageWithout = RawHttp.send(guarded.port(), "GET / HTTP/1.1\r\nHost: localhost", "");
      assertThat(pageWithout.status()).isEqualTo(401);
      RawHttp.Response pageWithCookie = RawHttp.send(guarded.port(), "GET / HTTP/1.1\r\nHost: localhost\r\n"
          + "Cookie: " + AccessGuard.COOKIE + "=" + token, "");
      assertThat(pageWithCookie.status()).isEqualTo(200);
      assertThat(pageWithCookie.body()).contains("<title>chipmix</title>");
    }
  }

  // --- helpers

  static JsonNode issueAt(JsonNode body, String path) {
    for (JsonNode i : body.get("error").get("issues")) {
      if (i.get("path").asText().equals(path)) {
        return i;
      }
    }
    return null;
  }

  static List<String> paths(JsonNode body) {
    List<String> out = new ArrayList<>();
    body.get("error").get("issues").forEach(i -> out.add(i.get("path").asText()));
    return out;
  }
}
