package chipmix.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.perfmodel.Calibrations;
import chipmix.published.PublishedCases;
import chipmix.published.PublishedCase.Role;
import chipmix.published.TrainingCase;
import chipmix.search.PartialLayout;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue #11: a fit case the model cannot estimate is refused explicitly, not scored with a made-up loss. */
class TrainingFitTest {
  final Catalog catalog = CatalogLoader.bundled();

  TrainingCase bundled(String id) {
    return PublishedCases.bundled().stream().filter(c -> c.id().equals(id)).map(TrainingCase.class::cast).findFirst().orElseThrow();
  }

  /** The same run with tensor parallelism 3, which divides neither the GPT model's 32 heads nor its devices. */
  static TrainingCase unestimable(TrainingCase c) {
    PartialLayout l = c.layout();
    PartialLayout bad = new PartialLayout(Optional.of(3), l.pp(), l.dp(), l.cp(), l.ep(), l.vpp(), l.microBatch(), l.recompute(),
        l.sharding());
    return new TrainingCase(c.id() + "-tp3", c.source(), Role.FIT, c.family(), c.model(), c.chip(), c.devices(), c.seqLen(),
        c.globalBatch(), c.precision(), bad, c.recipe(), c.settings(), c.scaleOutGbps(), c.metric(), c.accounting(), c.published(),
        c.tolerance(), c.note());
  }

  @Test
  void loss_caseThatCannotBeEstimated_isInfinite() {
    TrainingCase ok = bundled("sc21-a100-1.7b");
    FitSpec spec = FitSpecs.bundled();
    FitSpec.ChipFit a100 = spec.chips().stream().filter(cf -> cf.chip().equals("a100-80gb-sxm")).findFirst().orElseThrow();
    double[] start = spec.start(a100);
    var chip = catalog.chip("chip", ok.chip());
    assertThat(TrainingFit.loss(chip, start, List.of(ok), catalog, Calibrations.bundled(),
        Calibrations.bundled().fallback().moeHostPerLocalExpertUs())).isFinite();
    assertThat(TrainingFit.loss(chip, start, List.of(ok, unestimable(ok)), catalog, Calibrations.bundled(),
        Calibrations.bundled().fallback().moeHostPerLocalExpertUs()))
        .isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void fit_whenAFitCaseCannotBeEstimatedAnywhere_failsNamingTheCase() {
    TrainingCase bad = unestimable(bundled("sc21-a100-1.7b"));
    assertThatThrownBy(() -> TrainingFit.fit(FitSpecs.bundled(), List.of(bad), catalog, Calibrations.bundled()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a100-80gb-sxm")
        .hasMessageContaining(bad.id());
  }
}
