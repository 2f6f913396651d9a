package chipmix.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chipmix.validation.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLoaderTest {
  @Test
  void parse_fullMoeWithMla_readsEveryKey() {
    TransformerModel m = ModelLoader.parse("""
        name: tiny-moe
        layers: 8
        hidden: 1024
        heads: 16
        kv_heads: 16
        head_dim: 64
        ffn_hidden: 4096
        vocab: 32000
        gated_ffn: true
        tied_embeddings: true
        moe: {experts: 16, top_k: 2, shared_experts: 1, expert_ffn_hidden: 512, dense_layers: 1}
        mla: {kv_lora_rank: 256, q_lora_rank: 0, rope_head_dim: 32, nope_head_dim: 64, v_head_dim: 64}
        """, "test.yaml");
    assertThat(m.name()).isEqualTo("tiny-moe");
    assertThat(m.moe().orElseThrow().experts()).isEqualTo(16);
    assertThat(m.mla().orElseThrow().kvLoraRank()).isEqualTo(256);
    assertThat(m.moeLayerCount()).isEqualTo(7);
  }

  @Test
  void parse_moeNodeLimit_readAndValidated() {
    TransformerModel m = ModelLoader.parse("""
        {layers: 4, hidden: 512, heads: 8, ffn_hidden: 2048, vocab: 1000,
         moe: {experts: 16, top_k: 4, expert_ffn_hidden: 256, node_limit: 2}}
        """, "t");
    assertThat(m.moe().orElseThrow().nodeLimit()).isEqualTo(2);
    assertThatThrownBy(() -> ModelLoader.parse("""
        {layers: 4, hidden: 512, heads: 8, ffn_hidden: 2048, vocab: 1000,
         moe: {experts: 16, top_k: 4, expert_ffn_hidden: 256, node_limit: -1}}
        """, "t")).isInstanceOf(InvalidInputException.class).hasMessageContaining("moe.node_limit").hasMessageContaining("-1");
  }

  @Test
  void parse_defaults_kvHeadsAndHeadDimFromHeads() {
    TransformerModel m = ModelLoader.parse("{layers: 2, hidden: 512, heads: 8, ffn_hidden: 2048, vocab: 1000}", "t");
    assertThat(m.kvHeads()).isEqualTo(8);
    assertThat(m.headDim()).isEqualTo(64);
    assertThat(m.gatedFfn()).isFalse();
  }

  @Test
  void parse_manyProblems_reportsAllWithPaths() {
    assertThatThrownBy(() -> ModelLoader.parse("""
        layers: 0
        hidden: 4096
        heads: 32
        kv_heads: 5
        vocab: 32000
        gated: true
        moe: {experts: 8, top_k: 9, expert_ffn_hidden: 1024}
        """, "m.yaml"))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).issues()).extracting(i -> i.path())
            .contains("gated", "ffn_hidden", "moe.top_k"))
        .hasMessageContaining("did you mean 'gated_ffn'")
        .hasMessageContaining("ffn_hidden: is required");
  }

  @Test
  void parse_badShapeAfterRead_namesField() {
    assertThatThrownBy(() -> ModelLoader.parse("{layers: 0, hidden: 512, heads: 8, kv_heads: 3, ffn_hidden: 2048, vocab: 1000}", "t"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("layers: must be between 1 and")
        .hasMessageContaining("kv_heads: 3 must divide heads 8");
  }

  @Test
  void resolve_presetCaseInsensitive_andFile(@TempDir Path dir) throws Exception {
    assertThat(Models.resolve("LLaMA3-70B").name()).isEqualTo("llama3-70b");
    Path f = dir.resolve("mine.yaml");
    Files.writeString(f, "{layers: 2, hidden: 512, heads: 8, ffn_hidden: 2048, vocab: 1000}");
    assertThat(Models.resolve(f.toString()).name()).isEqualTo("mine");
  }

  @Test
  void resolve_unknown_suggestsPresets() {
    assertThatThrownBy(() -> Models.resolve("llama3-40b"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("`model`")
        .hasMessageContaining("did you mean 'llama3-405b'");
  }

  @Test
  @DisplayName("a file that is not a model (a key, /etc/passwd) is refused without repeating its content")
  void load_fileThatIsNotAMapping_doesNotEchoItsContent(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("passwd");
    Files.writeString(f, "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:SECRET-LINE-42:/usr/sbin\n");
    assertThatThrownBy(() -> Models.resolve(f.toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("must be a mapping of model fields")
        .hasMessageNotContaining("SECRET-LINE-42");
  }

  @Test
  @DisplayName("preset lookup (the web API's) never opens a file, even a valid model file, and lists the presets")
  void preset_neverReadsAFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("mine.yaml");
    Files.writeString(f, "{name: mine, layers: 2, hidden: 512, heads: 8, ffn_hidden: 2048, vocab: 1000}");
    assertThatThrownBy(() -> Models.preset("model", f.toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("is not a model preset")
        .hasMessageContaining(String.join(", ", ModelPresets.names()));
    assertThat(Models.preset("model", "LLaMA3-70B").name()).isEqualTo("llama3-70b");
  }

  @Test
  void preset_longUnknownName_isCutInTheMessage() {
    String longName = "x".repeat(5_000);
    assertThatThrownBy(() -> Models.preset("model", longName))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("(5000 characters)")
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(1_000));
  }
}
