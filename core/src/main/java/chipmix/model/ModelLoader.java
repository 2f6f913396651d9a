package chipmix.model;

import chipmix.io.Node;
import chipmix.io.Yaml;
import chipmix.model.TransformerModel.Mla;
import chipmix.model.TransformerModel.Moe;
import chipmix.validation.Issues;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a user model from YAML. Keys: {@code name}, {@code layers}, {@code hidden},
 * {@code heads}, {@code kv_heads} (default heads), {@code head_dim} (default hidden/heads),
 * {@code ffn_hidden}, {@code vocab}, {@code gated_ffn} (default false), {@code tied_embeddings}
 * (default false), {@code source}, and optional blocks {@code moe} ({@code experts},
 * {@code top_k}, {@code shared_experts}, {@code expert_ffn_hidden}, {@code dense_layers},
 * {@code node_limit}) and
 * {@code mla} ({@code kv_lora_rank}, {@code q_lora_rank}, {@code rope_head_dim},
 * {@code nope_head_dim}, {@code v_head_dim}). Every problem is reported at once with its path.
 */
public final class ModelLoader {
  static final Set<String> KEYS = Set.of("name", "layers", "hidden", "heads", "kv_heads", "head_dim", "ffn_hidden",
      "vocab", "gated_ffn", "tied_embeddings", "source", "moe", "mla");
  static final Set<String> MOE_KEYS = Set.of("experts", "top_k", "shared_experts", "expert_ffn_hidden", "dense_layers",
      "node_limit");
  static final Set<String> MLA_KEYS = Set.of("kv_lora_rank", "q_lora_rank", "rope_head_dim", "nope_head_dim", "v_head_dim");

  private ModelLoader() {}

  public static TransformerModel load(Path file) {
    JsonNode json = Yaml.parseFile(file);
    String fallbackName = file.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
    return read(json, "", fallbackName, "file " + file);
  }

  public static TransformerModel parse(String yaml, String name) {
    return read(Yaml.parse(yaml, name), "", name, name);
  }

  /**
   * Reads a model given inline (for example the {@code model} object of a web request) at
   * {@code node}, recording every problem in its issues with paths under it; empty when there
   * were problems.
   */
  public static Optional<TransformerModel> read(Node node, String fallbackName, String source) {
    try {
      return Optional.of(read(node.json(), node.path(), fallbackName, source));
    } catch (chipmix.validation.InvalidInputException e) {
      e.issues().forEach(i -> node.issues().add(i.path(), i.message()));
      return Optional.empty();
    }
  }

  /** @param pathPrefix prepended to issue paths (empty for a file's root) */
  private static TransformerModel read(JsonNode json, String pathPrefix, String fallbackName, String source) {
    Issues issues = new Issues();
    Node root = Node.root(json, pathPrefix, issues);
    if (!json.isObject()) {
      // Never repeat the content: a file named by mistake (a key, /etc/passwd) must not be echoed back.
      root.error("must be a mapping of model fields (" + String.join(", ", KEYS.stream().sorted().toList())
          + "), got " + (json.isMissingNode() || json.isNull() ? "nothing" : json.isArray() ? "a list" : "a "
          + json.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " value"));
      issues.throwIfAny();
    }
    if (!root.expectObject(KEYS)) {
      issues.throwIfAny();
    }
    String name = root.string("name").orElse(fallbackName);
    Optional<Integer> layers = required(root, "layers");
    Optional<Integer> hidden = required(root, "hidden");
    Optional<Integer> heads = required(root, "heads");
    Optional<Integer> ffn = required(root, "ffn_hidden");
    Optional<Integer> vocab = required(root, "vocab");
    Optional<Integer> kvHeads = root.integer("kv_heads");
    Optional<Integer> headDim = root.integer("head_dim");
    boolean gated = root.bool("gated_ffn").orElse(false);
    boolean tied = root.bool("tied_embeddings").orElse(false);
    String src = root.string("source").orElse(source);

    Optional<Moe> moe = root.child("moe").flatMap(n -> readMoe(n));
    Optional<Mla> mla = root.child("mla").flatMap(n -> readMla(n));
    if (layers.isEmpty() || hidden.isEmpty() || heads.isEmpty() || ffn.isEmpty() || vocab.isEmpty()) {
      issues.throwIfAny();
    }
    int h = hidden.get();
    int a = heads.get();
    int kv = kvHeads.orElse(a);
    int hd = headDim.orElse(a > 0 ? h / a : 0);
    if (headDim.isEmpty() && a > 0 && h % a != 0) {
      root.error("head_dim", "is required when hidden " + h + " is not divisible by heads " + a);
    }
    for (String p : TransformerModel.problems(layers.get(), h, a, kv, Math.max(hd, 1), ffn.get(), vocab.get(),
        moe.isPresent() ? moe : Optional.empty())) {
      String field = p.substring(0, p.indexOf(' '));
      root.error(field, p.substring(p.indexOf(' ') + 1));
    }
    issues.throwIfAny();
    return new TransformerModel(name, layers.get(), h, a, kv, hd, ffn.get(), vocab.get(), gated, tied, moe, mla, src);
  }

  private static Optional<Integer> required(Node n, String key) {
    if (!n.has(key)) {
      n.error(key, "is required (a whole number)");
      return Optional.empty();
    }
    return n.integer(key);
  }

  private static Optional<Moe> readMoe(Node n) {
    if (!n.expectObject(MOE_KEYS)) {
      return Optional.empty();
    }
    Optional<Integer> experts = required(n, "experts");
    Optional<Integer> topK = required(n, "top_k");
    Optional<Integer> width = required(n, "expert_ffn_hidden");
    int shared = n.integer("shared_experts").orElse(0);
    int dense = n.integer("dense_layers").orElse(0);
    int nodeLimit = n.integer("node_limit").orElse(0);
    if (experts.isEmpty() || topK.isEmpty() || width.isEmpty()) {
      return Optional.empty();
    }
    List<String> p = Moe.problems(experts.get(), topK.get(), shared, width.get(), dense, nodeLimit);
    report(n, p, "moe.");
    return p.isEmpty() ? Optional.of(new Moe(experts.get(), topK.get(), shared, width.get(), dense, nodeLimit)) : Optional.empty();
  }

  private static Optional<Mla> readMla(Node n) {
    if (!n.expectObject(MLA_KEYS)) {
      return Optional.empty();
    }
    Optional<Integer> kv = required(n, "kv_lora_rank");
    int q = n.integer("q_lora_rank").orElse(0);
    Optional<Integer> rope = required(n, "rope_head_dim");
    Optional<Integer> nope = required(n, "nope_head_dim");
    Optional<Integer> v = required(n, "v_head_dim");
    if (kv.isEmpty() || rope.isEmpty() || nope.isEmpty() || v.isEmpty()) {
      return Optional.empty();
    }
    List<String> p = Mla.problems(kv.get(), q, rope.get(), nope.get(), v.get());
    report(n, p, "mla.");
    return p.isEmpty() ? Optional.of(new Mla(kv.get(), q, rope.get(), nope.get(), v.get())) : Optional.empty();
  }

  private static void report(Node n, List<String> problems, String prefix) {
    for (String p : problems) {
      String field = p.substring(0, p.indexOf(' ')).substring(prefix.length());
      n.error(field, p.substring(p.indexOf(' ') + 1));
    }
  }
}
