package chipmix.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import chipmix.calibration.Accuracy;
import chipmix.catalog.CatalogLoader;
import chipmix.perfmodel.InferenceValidation;
import chipmix.published.PublishedCases;
import chipmix.published.TrainingCase;
import chipmix.scenario.ModelErrorTable.ChipFamily;
import chipmix.scenario.ModelErrorTable.Figure;
import chipmix.scenario.ModelErrorTable.Kind;
import chipmix.scenario.ModelErrors.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The bundled model-error table agrees with the validation it comes from: every figure is recomputed
 * from {@code chipmix validate}'s leave-one-family-out results ({@link Accuracy#bundled}). With
 * {@code -Dchipmix.modelerror.update=true} the file is rewritten from them instead (review the diff).
 */
class ModelErrorTableTest {
  private static final Path FILE = Path.of("src/main/resources" + ModelErrors.RESOURCE);

  /** Every case's cross-validated error, with its chip, kind and family. */
  static List<Sample> samples() {
    Accuracy.Report report = Accuracy.bundled(CatalogLoader.bundled(), true, true);
    Map<String, String> chipOf = new HashMap<>();
    PublishedCases.bundled().forEach(c -> chipOf.put(c.id(), ((TrainingCase) c).chip()));
    InferenceValidation.bundledCases().forEach(c -> chipOf.put(c.id(), c.chip()));
    List<Sample> out = new ArrayList<>();
    for (Accuracy.Row r : report.rows()) {
      if (r.crossValidated() instanceof Accuracy.Estimated e) {
        out.add(new Sample(chipOf.get(r.id()), r.kind().equals("training") ? Kind.TRAINING : Kind.SERVING, r.family(),
            e.result().error()));
      }
    }
    return out;
  }

  @Test
  void bundledFile_agreesWithTheCrossValidatedResultsItIsDerivedFrom() throws Exception {
    ModelErrorTable file = ModelErrors.bundled();
    ModelErrorTable derived = ModelErrors.derive(samples(), file);
    if (Boolean.getBoolean("chipmix.modelerror.update")) {
      String text = Files.readString(FILE);
      String header = text.substring(0, text.indexOf("\nmin_cases:") + 1);
      Files.writeString(FILE, ModelErrors.yaml(derived, header));
      return;
    }
    String how = " (the model or its cases changed: regenerate with -Dchipmix.modelerror.update=true, see the file's header)";
    assertSame(file.pooledTraining(), derived.pooledTraining(), "pooled training" + how);
    assertSame(file.pooledServing(), derived.pooledServing(), "pooled serving" + how);
    for (int i = 0; i < file.families().size(); i++) {
      ChipFamily f = file.families().get(i);
      ChipFamily d = derived.families().get(i);
      assertThat(f.training().isPresent()).as(f.id() + " training" + how).isEqualTo(d.training().isPresent());
      assertThat(f.serving().isPresent()).as(f.id() + " serving" + how).isEqualTo(d.serving().isPresent());
      f.training().ifPresent(x -> assertSame(x, d.training().get(), f.id() + " training" + how));
      f.serving().ifPresent(x -> assertSame(x, d.serving().get(), f.id() + " serving" + how));
    }
  }

  private static void assertSame(Figure file, Figure derived, String what) {
    assertThat(file.cases()).as(what).isEqualTo(derived.cases());
    assertThat(file.caseFamilies()).as(what).isEqualTo(derived.caseFamilies());
    assertThat(file.medianAbsLogError()).as(what).isCloseTo(derived.medianAbsLogError(), within(1e-9));
    assertThat(file.sigma()).as(what).isCloseTo(derived.sigma(), within(1e-9));
  }

  @Test
  void derive_sigmaIsTheMedianAbsoluteLogErrorOverTheNormalsMedianAbsZ() {
    // errors +10%, -20%, +50%: |ln 1.1| = 0.0953, |ln 0.8| = 0.2231, |ln 1.5| = 0.4055; median 0.2231
    List<Sample> s = List.of(new Sample("x1", Kind.TRAINING, "a", 0.10), new Sample("x1", Kind.TRAINING, "b", -0.20),
        new Sample("x2", Kind.TRAINING, "b", 0.50), new Sample("x1", Kind.SERVING, "a", 0.3));
    ModelErrorTable template = new ModelErrorTable(3, 2, new Figure(1, List.of("t"), 0, 0), new Figure(1, List.of("t"), 0, 0),
        List.of(new ChipFamily("fam", List.of("x1", "x2"), "test", Optional.empty(), Optional.empty())));
    ModelErrorTable t = ModelErrors.derive(s, template);
    Figure training = t.families().get(0).training().orElseThrow();
    assertThat(training.cases()).isEqualTo(3);
    assertThat(training.caseFamilies()).containsExactly("a", "b");
    assertThat(training.medianAbsLogError()).isCloseTo(Math.abs(Math.log(0.8)), within(1e-4));
    assertThat(training.sigma()).isCloseTo(Math.abs(Math.log(0.8)) / 0.6745, within(1e-4));
    // one serving case in one case family is too few for the family's own figure: the pooled one is used, and said
    ModelErrorTable.Used serving = t.sigma("x1", Kind.SERVING);
    assertThat(serving.sigma()).isEqualTo(t.pooledServing().sigma());
    assertThat(serving.basis()).startsWith("pooled serving").contains("fam has 1 serving case(s)");
    assertThat(t.sigma("x2", Kind.TRAINING).basis()).startsWith("fam training cases: 3 cases in 2 case families");
    assertThat(t.sigma("unknown-chip", Kind.TRAINING).basis()).contains("in no measured chip family");
  }
}
