package chipmix.serving;

import chipmix.perfmodel.InferenceDevice;
import chipmix.perfmodel.InferenceEstimate;
import chipmix.perfmodel.InferenceRange;
import chipmix.perfmodel.StepTime;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Optional;

/**
 * The JSON documents of inference estimates and serving sizing (a documented contract,
 * docs/inference-model.md), shared by {@code chipmix infer ... --format json} and the web API.
 * Views only: every figure comes from the estimate or the sizing result.
 */
public final class ServingJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final double GIB = 1L << 30;

  private ServingJson() {}

  /** One inference estimate on one device profile. */
  public static ObjectNode estimate(InferenceEstimate e, InferenceDevice dev, Optional<InferenceRange> range) {
    ObjectNode o = F.objectNode();
    o.put("model", e.modelName());
    o.put("chip", e.chipId());
    o.put("system", dev.hardware().systemId());
    o.put("devices", e.layout().devices());
    o.put("tp", e.layout().tp());
    o.put("ep", e.layout().ep());
    o.put("prompt_tokens", e.workload().promptTokens());
    o.put("output_tokens", e.workload().outputTokens());
    o.put("weights", key(e.workload().weights()));
    o.put("kv", key(e.workload().kv()));
    o.put("compute_precision", key(e.computePrecision()));
    o.put("batch", e.batch());
    o.put("max_batch", e.maxBatch());
    o.put("batch_limit", e.batchLimit());
    o.put("ttft_ms", round(e.ttft().toMillis()));
    o.put("tpot_ms", round(e.tpot().toMillis()));
    o.put("decode_step_ms", round(e.decodeStep().toMillis()));
    o.put("prefill_tokens_per_s_per_device", round(e.prefillTokensPerSecondPerDevice()));
    o.put("decode_tokens_per_s_per_device", round(e.decodeTokensPerSecondPerDevice()));
    o.put("output_tokens_per_s_per_device", round(e.outputTokensPerSecondPerDevice()));
    o.put("kv_cache_bytes_per_token", Math.round(e.kvCacheBytesPerToken().bytes()));
    o.put("weights_per_device_gib", round(e.weightsPerDevice().bytes() / GIB));
    o.put("kv_cache_per_device_gib", round(e.kvCachePerDevice().bytes() / GIB));
    o.put("memory_per_device_gib", round(e.memoryPerDevice().bytes() / GIB));
    o.put("device_memory_gib", round(e.deviceMemory().bytes() / GIB));
    o.put("bound", e.decodeBound().key());
    o.put("prefill_bound", e.prefillBound().key());
    o.set("decode_breakdown_ms", breakdown(e.decodeTerms()));
    o.set("prefill_breakdown_ms", breakdown(e.prefillTerms()));
    if (range.isPresent()) {
      InferenceRange r = range.get();
      ObjectNode rj = o.putObject("range");
      rj.put("basis", r.basis());
      interval(rj, "ttft_ms", r.ttftMs());
      interval(rj, "tpot_ms", r.tpotMs());
      interval(rj, "prefill_tokens_per_s_per_device", r.prefillTokensPerSecondPerDevice());
      interval(rj, "decode_tokens_per_s_per_device", r.decodeTokensPerSecondPerDevice());
      interval(rj, "output_tokens_per_s_per_device", r.outputTokensPerSecondPerDevice());
    } else {
      o.putNull("range");
    }
    o.put("calibrated", e.calibrated());
    o.put("software", e.software());
    o.put("recipe", e.serving().recipe());
    o.put("recipe_settings", e.serving().recipeSettings());
    if (e.serving().speculation().isPresent()) {
      var sp = e.serving().speculation().get();
      ObjectNode sj = o.putObject("speculation");
      sj.put("kind", sp.kind());
      sj.put("tokens_per_pass", sp.tokensPerPass());
      sj.put("accept_length", round(sp.acceptLength()));
      sj.put("draft_ms_per_pass", round(sp.draftPerPass().toMillis()));
      sj.put("extra_compute_fraction", round(sp.extraComputeShare()));
      sj.put("extra_memory_per_device_gib", round(sp.extraMemoryPerDevice().bytes() / GIB));
    } else {
      o.putNull("speculation");
    }
    ArrayNode a = o.putArray("assumptions");
    e.assumptions().forEach(a::add);
    return chipmix.io.OutputCheck.checked(o);
  }

  /** The serving-capacity curve: one object per batch. */
  public static ArrayNode curve(java.util.List<chipmix.perfmodel.InferenceModel.CurvePoint> points) {
    ArrayNode a = F.arrayNode();
    for (var p : points) {
      ObjectNode o = a.addObject();
      o.put("batch", p.batch());
      o.put("decode_tpot_ms", round(p.decodeTpot().toMillis()));
      o.put("decode_tokens_per_s_per_device", round(p.decodeTokensPerSecondPerDevice()));
      o.put("colocated_tpot_ms", round(p.colocatedTpot().toMillis()));
      o.put("output_tokens_per_s_per_device", round(p.outputTokensPerSecondPerDevice()));
      o.put("bound", p.bound().key());
    }
    return a;
  }

  private static void interval(ObjectNode o, String key, InferenceRange.Interval i) {
    o.putArray(key).add(round(i.low())).add(round(i.high()));
  }

  public static ObjectNode breakdown(StepTime t) {
    ObjectNode o = F.objectNode();
    o.put("compute", round(t.compute().toMillis()));
    o.put("memory", round(t.memory().toMillis()));
    o.put("all_to_all", round(t.allToAll().toMillis()));
    o.put("tensor_parallel", round(t.tensorParallel().toMillis()));
    o.put("overhead", round(t.overhead().toMillis()));
    o.put("draft", round(t.draft().toMillis()));
    o.put("kernel_serial", round(t.kernelSerial().toMillis()));
    o.put("all_to_all_overlapped", t.allToAllOverlapped());
    return o;
  }

  /** A sizing result: the winner, every ranked plan with its pools, the explanation, rejected options and assumptions. */
  public static ObjectNode size(SizingResult r) {
    ObjectNode o = F.objectNode();
    o.put("model", r.modelName());
    ObjectNode d = o.putObject("demand");
    d.put("requests_per_s", round(r.demand().requestsPerSecond()));
    d.put("output_tokens_per_s", round(r.demand().outputTokensPerSecond()));
    d.put("prompt_tokens", r.demand().promptTokens());
    d.put("output_tokens", r.demand().outputTokens());
    d.put("ttft_ms", round(r.demand().ttft().toMillis()));
    d.put("tpot_ms", round(r.demand().tpot().toMillis()));
    ServingPlan win = r.ranked().get(0);
    o.put("winner", win.label());
    o.put("devices", win.devices());
    putOptional(o, "cost_per_million_output_tokens", win.costPerMillionOutputTokens());
    putOptional(o, "power_kw", win.powerKw());
    ArrayNode plans = o.putArray("plans");
    int rank = 1;
    for (ServingPlan p : r.ranked()) {
      ObjectNode pj = plans.addObject();
      pj.put("rank", rank++);
      pj.put("label", p.label());
      pj.put("mode", p.disaggregated() ? "disaggregated" : "colocated");
      pj.put("devices", p.devices());
      putOptional(pj, "cost_per_million_output_tokens", p.costPerMillionOutputTokens());
      putOptional(pj, "power_kw", p.powerKw());
      pj.put("output_tokens_per_s_per_device", round(p.outputTokensPerSecondPerDevice()));
      pj.put("ttft_ms", round(p.ttft().toMillis()));
      pj.put("tpot_ms", round(p.tpot().toMillis()));
      putOptional(pj, "kv_transfer_ms", p.kvTransfer().map(s -> s.toMillis()));
      ArrayNode pools = pj.putArray("pools");
      for (Pool pool : p.pools()) {
        pools.add(poolJson(pool));
      }
      ArrayNode why = pj.putArray("why");
      p.why().forEach(why::add);
    }
    ArrayNode ex = o.putArray("explanation");
    r.explanation().forEach(ex::add);
    ArrayNode rej = o.putArray("rejected");
    r.rejected().forEach(x -> rej.addObject().put("label", x.label()).put("reason", x.reason()));
    ArrayNode as = o.putArray("assumptions");
    r.assumptions().forEach(as::add);
    return chipmix.io.OutputCheck.checked(o);
  }

  public static ObjectNode poolJson(Pool p) {
    InferenceEstimate e = p.estimate();
    ObjectNode o = F.objectNode();
    o.put("role", p.role().key());
    o.put("chip", p.chipId());
    o.put("replicas", p.replicas());
    o.put("devices", p.devices());
    o.put("devices_per_replica", p.layout().devices());
    o.put("tp", p.layout().tp());
    o.put("ep", p.layout().ep());
    o.put("batch", p.batch());
    o.put("max_batch", p.maxBatch());
    o.put("batch_limit", p.batchLimit());
    o.put("bound", p.bound().key());
    o.put("tokens_per_s_per_device", round(p.tokensPerSecondPerDevice()));
    o.put("prefill_tokens_per_s_per_device", round(e.prefillTokensPerSecondPerDevice()));
    o.put("decode_tokens_per_s_per_device", round(e.decodeTokensPerSecondPerDevice()));
    o.put("ttft_ms", round(e.ttft().toMillis()));
    o.put("tpot_ms", round((p.role() == Pool.Role.DECODE ? e.decodeStep() : e.tpot()).toMillis()));
    o.put("kv_cache_bytes_per_token", Math.round(e.kvCacheBytesPerToken().bytes()));
    o.put("memory_per_device_gib", round(e.memoryPerDevice().bytes() / GIB));
    putOptional(o, "usd_per_hour", p.usdPerHour());
    putOptional(o, "power_kw", p.powerW().map(w -> w / 1000));
    o.put("software", e.software());
    return o;
  }

  private static void putOptional(ObjectNode o, String key, Optional<Double> v) {
    if (v.isPresent()) {
      o.put(key, round(v.get()));
    } else {
      o.putNull(key);
    }
  }

  public static double round(double v) {
    if (v == 0 || !Double.isFinite(v)) {
      return v;
    }
    return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).doubleValue();
  }

  public static String key(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
