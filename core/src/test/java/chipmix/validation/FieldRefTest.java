package chipmix.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FieldRefTest {
  private static final String NOTE = "try " + FieldRef.of("disaggregated") + " (with " + FieldRef.of("scale_out_gbps") + ")";

  @Test
  void asOption_namesTheCliFlags() {
    assertThat(FieldRef.asOption(NOTE)).isEqualTo("try --disaggregated (with --scale-out-gbps)");
  }

  @Test
  void asField_namesTheJsonFields() {
    assertThat(FieldRef.asField(NOTE)).isEqualTo("try disaggregated (with scale_out_gbps)");
  }

  @Test
  void textWithoutReferences_isUnchanged() {
    String plain = "use more devices; `Not a key` stays; 3 x 4";
    assertThat(FieldRef.asOption(plain)).isEqualTo(plain);
  }

  @Test
  void of_refusesAKeyThatIsNotSnakeCase() {
    assertThatThrownBy(() -> FieldRef.of("--usd-per-device-hour")).isInstanceOf(IllegalArgumentException.class);
  }
}
