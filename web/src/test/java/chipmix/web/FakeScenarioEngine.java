package chipmix.web;

import chipmix.io.Yaml;
import chipmix.validation.InfeasibleException;
import chipmix.validation.Issues;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A test double for the planner, so the REST layer (storage, runs, errors, concurrency) is
 * tested on its own. It accepts YAML with a {@code name} and a positive {@code chips} count;
 * {@code infeasible: true} makes a run infeasible; {@code block: true} makes a run wait on
 * {@link #release} (at most 20 s), to prove long runs do not block other requests;
 * {@code result_bytes: N} pads the result with N bytes.
 */
final class FakeScenarioEngine implements ScenarioEngine {
  final CountDownLatch release = new CountDownLatch(1);
  final CountDownLatch blockedRunStarted = new CountDownLatch(1);
  /** Counted down when a blocked run is interrupted (its request cancelled). */
  final CountDownLatch blockedRunInterrupted = new CountDownLatch(1);

  static final String EXAMPLE = "name: example\nchips: 8\n";

  @Override
  public String exampleYaml() {
    return EXAMPLE;
  }

  @Override
  public Outline validate(String yaml) {
    read(yaml);
    return new Outline(java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.List.of());
  }

  @Override
  public String runHtml(String yaml) {
    return "<!DOCTYPE html><title>" + read(yaml).path("name").asText() + "</title>";
  }

  @Override
  public String runJson(String yaml) {
    JsonNode tree = read(yaml);
    if (tree.path("block").asBoolean(false)) {
      blockedRunStarted.countDown();
      try {
        if (!release.await(20, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the test never released the blocked run");
        }
      } catch (InterruptedException e) {
        blockedRunInterrupted.countDown();
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    if (tree.path("infeasible").asBoolean(false)) {
      throw new InfeasibleException("no fleet meets the target; add chips");
    }
    String padding = tree.has("result_bytes") ? "x".repeat(tree.get("result_bytes").asInt()) : "";
    return "{\"scenario\":\"" + tree.get("name").asText() + "\",\"chips\":" + tree.get("chips").asInt()
        + ",\"padding\":\"" + padding + "\"}";
  }

  private static JsonNode read(String yaml) {
    JsonNode tree = Yaml.parse(yaml, "yaml");
    Issues issues = new Issues();
    if (!tree.hasNonNull("name")) {
      issues.add("name", "is required");
    }
    if (!tree.path("chips").canConvertToInt() || tree.path("chips").asInt() < 1) {
      issues.add("chips", "must be a positive whole number, got " + tree.path("chips"));
    }
    issues.throwIfAny();
    return tree;
  }
}
