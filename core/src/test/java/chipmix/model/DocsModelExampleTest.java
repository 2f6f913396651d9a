package chipmix.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The model YAML example in docs/training-model.md loads as documented. */
class DocsModelExampleTest {
  @Test
  void docsYamlExample_loads() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "training-model.md"));
    int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
    String yaml = doc.substring(start, doc.indexOf("```", start));
    TransformerModel m = ModelLoader.parse(yaml, "docs example");
    assertThat(m.name()).isEqualTo("my-moe");
    assertThat(m.moe().orElseThrow().experts()).isEqualTo(64);
    assertThat(m.mla().orElseThrow().kvLoraRank()).isEqualTo(512);
    assertThat(m.attentionKind()).isEqualTo(TransformerModel.AttentionKind.MLA);
  }
}
