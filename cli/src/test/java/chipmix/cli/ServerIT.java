package chipmix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar's {@code server} command as a user runs it: starts on a free port, serves the
 * UI and the API, saves a scenario, stops, starts again on the same database and still has it.
 */
class ServerIT {
  @TempDir Path dir;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern URL = Pattern.compile("http://[^:]+:(\\d+)/");

  private record Server(Process process, int port) implements AutoCloseable {
    @Override
    public void close() throws InterruptedException {
      process.destroy(); // SIGTERM: the shutdown hook stops the server and closes the database
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private Server start(Path db, String... more) throws IOException {
    String jar = System.getProperty("chipmix.jar", "target/chipmix.jar");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-jar", jar, "server", "--port", "0", "--db", db.toString()));
    command.addAll(List.of(more));
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectError(dir.resolve("server.err").toFile());
    pb.environment().put("CHIPMIX_HOME", dir.resolve("home").toString());
    Process p = pb.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine();
    if (first == null) {
      p.destroyForcibly();
      throw new IllegalStateException("server printed nothing; stderr:\n" + Files.readString(dir.resolve("server.err")));
    }
    Matcher m = URL.matcher(first);
    assertThat(m.find()).as("first line names the URL: %s", first).isTrue();
    lastFirstLine = first;
    return new Server(p, Integer.parseInt(m.group(1)));
  }

  private static HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
    return HTTP.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(Server s, String path) {
    return URI.create("http://127.0.0.1:" + s.port() + path);
  }

  @Test
  void server_servesUiAndApi_runsTheExample_andKeepsScenariosAndRunsAcrossRestarts() throws Exception {
    Path db = dir.resolve("data/chipmix.db");
    String id;
    try (Server s = start(db)) {
      assertThat(send(HttpRequest.newBuilder(uri(s, "/"))).body()).contains("<title>chipmix</title>");
      assertThat(send(HttpRequest.newBuilder(uri(s, "/api/chips"))).body()).contains("\"h100-sxm\"");
      String example = send(HttpRequest.newBuilder(uri(s, "/api/scenarios/example"))).body();
      assertThat(example).contains("bytedance-2025");
      String yaml = example.substring(example.indexOf("\"yaml\":") + 7, example.lastIndexOf('}'));
      HttpResponse<String> created = send(HttpRequest.newBuilder(uri(s, "/api/scenarios"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"kept\",\"yaml\":" + yaml + "}")));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(created.body());
      assertThat(m.find()).isTrue();
      id = m.group(1);
      HttpResponse<String> run = send(HttpRequest.newBuilder(uri(s, "/api/scenarios/" + id + "/runs"))
          .POST(HttpRequest.BodyPublishers.noBody()));
      assertThat(run.statusCode()).isEqualTo(201);
      assertThat(run.body()).contains("\"status\":\"succeeded\"").contains("\"plans\"");
    }
    assertThat(Files.exists(db)).isTrue();
    try (Server s = start(db)) {
      HttpResponse<String> again = send(HttpRequest.newBuilder(uri(s, "/api/scenarios/" + id)));
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(again.body()).contains("\"name\":\"kept\"");
      assertThat(send(HttpRequest.newBuilder(uri(s, "/api/scenarios/" + id + "/runs"))).body())
          .contains("\"status\":\"succeeded\"");
    }
  }

  private String lastFirstLine = "";

  @Test
  @DisplayName("with --token, the printed URL carries the token, and requests without it are refused with 401")
  void token_isPrintedInTheUrlAndRequired() throws Exception {
    String token = "it-token-0123456789abcdef";
    try (Server s = start(dir.resolve("t.db"), "--token", token)) {
      assertThat(lastFirstLine).contains("/?token=" + token);
      assertThat(send(HttpRequest.newBuilder(uri(s, "/api/chips"))).statusCode()).isEqualTo(401);
      assertThat(send(HttpRequest.newBuilder(uri(s, "/api/chips")).header("Authorization", "Bearer " + token))
          .statusCode()).isEqualTo(200);
    }
  }

  @Test
  void portInUse_failsWithExitCode1AndAdvice() throws Exception {
    try (Server s = start(dir.resolve("a.db"))) {
      JarRun r = JarRun.withEnv(java.util.Map.of("CHIPMIX_HOME", dir.resolve("home").toString()),
          "server", "--port", String.valueOf(s.port()), "--db", dir.resolve("b.db").toString());
      assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE.code());
      assertThat(r.err()).contains("--port").contains(String.valueOf(s.port()));
    }
  }
}
