package chipmix.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class OutputCheckTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @Test
  void infiniteCost_isAnInternalErrorNamingThePath() {
    // before: JSON carried "cost_usd":"Infinity", a string in a number field
    ObjectNode n = F.objectNode();
    n.putArray("plans").addObject().put("cost_usd", Double.POSITIVE_INFINITY);
    assertThatThrownBy(() -> OutputCheck.checked(n)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("$.plans[0].cost_usd = Infinity");
  }

  @Test
  void negativeCount_isAnInternalError_negativeDaysLateIsNot() {
    ObjectNode ok = F.objectNode().put("days_late", -3).put("devices", 0);
    assertThat(OutputCheck.checked(ok)).isSameAs(ok);
    ObjectNode bad = F.objectNode().put("devices", -1_543_017_584);
    assertThatThrownBy(() -> OutputCheck.checked(bad)).hasMessageContaining("$.devices = -1543017584");
  }

  @Test
  void nan_isAnInternalError() {
    ObjectNode bad = F.objectNode();
    bad.putObject("step").put("mfu", Double.NaN);
    assertThatThrownBy(() -> OutputCheck.checked(bad)).hasMessageContaining("$.step.mfu = NaN");
  }
}
