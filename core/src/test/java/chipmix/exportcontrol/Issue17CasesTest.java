package chipmix.exportcontrol;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The cases of issue #17, each with the source that decides it (ids in rules/sources.yaml or the catalog's). */
class Issue17CasesTest {
  private static final ExportControl EC = ExportControl.bundled();
  private static final Catalog CATALOG = CatalogLoader.bundled();
  private static final Verdict UNPUBLISHED = new Verdict(Outcome.LICENSE_REQUIRED, ReviewPolicy.NOT_PUBLISHED);


  @Test
  @DisplayName("NVDA-8K-2025-04: an H20 to Malaysia for a China-headquartered buyer on 2025-06-01 needs a license (headquarters clause)")
  void h20ToMalaysia_chinaHeadquarteredBuyer_needsTheLetterLicense() {
    var h20 = CATALOG.chip("chip", "h20");
    Determination d = EC.determine(new Request(h20, "MY", Optional.of("CN"), "US", List.of(), LocalDate.of(2025, 6, 1)));
    assertThat(d.verdict()).isEqualTo(UNPUBLISHED);
    assertThat(d.drivers()).extracting(Determination.Driver::rule).containsExactly("R2025-H20");
    assertThat(d.headline()).startsWith("LICENSE REQUIRED (REVIEW POLICY NOT PUBLISHED) — R2025-H20");
    // Without the headquarters, Malaysia is outside the letter's destinations.
    Determination plain = EC.determine(Request.of(h20, "MY", LocalDate.of(2025, 6, 1)));
    assertThat(plain.verdict().outcome()).isEqualTo(Outcome.NOT_CONTROLLED);
  }

  @Test
  @DisplayName("The headquarters rules do not reach a delivery inside the US (not an export)")
  void headquartersRule_notAppliedToAUsDestination() {
    var h100 = CATALOG.chip("chip", "h100");
    Determination us = EC.determine(new Request(h100, "US", Optional.of("CN"), "US", List.of(), LocalDate.of(2024, 6, 1)));
    assertThat(us.verdict().outcome()).isEqualTo(Outcome.NO_LICENSE_REQUIRED);
    // R25 para. 306: the same buyer in Germany needs a license, case by case.
    Determination de = EC.determine(new Request(h100, "DE", Optional.of("CN"), "US", List.of(), LocalDate.of(2024, 6, 1)));
    assertThat(de.verdict()).isEqualTo(new Verdict(Outcome.LICENSE_REQUIRED, ReviewPolicy.CASE_BY_CASE));
  }

  @Test
  @DisplayName("INTC-2025-04: Intel's letter covers Gaudi parts to China")
  void gaudiToChina_isCoveredByIntelsLetter() {
    for (String id : List.of("gaudi2", "gaudi3", "gaudi3-china")) {
      Determination d = EC.determine(Request.of(CATALOG.chip("chip", id), "CN", LocalDate.of(2025, 6, 1)));
      assertThat(d.verdict().outcome()).as(id).isEqualTo(Outcome.LICENSE_REQUIRED);
      assertThat(d.reasons()).as(id).extracting(Reason::rule).contains("R2025-INTEL");
    }
  }

  @Test
  @DisplayName("Entity List outcomes read 'license required (Entity List), presumption of denial' (EL-2025-01: Sophgo)")
  void entityListOutcome_wording() {
    Determination d = EC.determine(new Request(TestChips.L20, "CN", Optional.empty(), "US", List.of("sophgo"),
        LocalDate.of(2025, 6, 1)));
    assertThat(d.verdict().text()).isEqualTo("license required (Entity List), presumption of denial");
    assertThat(d.headline()).startsWith("LICENSE REQUIRED (ENTITY LIST), PRESUMPTION OF DENIAL — EL-2025-01");
  }

  @Test
  @DisplayName("A date after the as-of date says so in the headline, with the gap in days")
  void dateAfterAsOf_isStaleInTheHeadline() {
    LocalDate asOf = EC.book().asOf();
    Determination d = EC.determine(Request.of(TestChips.H100, "DE", asOf.plusDays(30)));
    assertThat(d.stale()).isTrue();
    assertThat(d.staleDays()).isEqualTo(30);
    assertThat(d.headline()).contains("STALE").contains("30 days after");
    assertThat(EC.determine(Request.of(TestChips.H100, "DE", asOf)).stale()).isFalse();
    assertThat(ExportJson.check(EC, d).get("stale_days").asLong()).isEqualTo(30);
  }

  @Test
  @DisplayName("Thresholds are compared unrounded and printed with the digits that show it (5.9199 < 5.92)")
  void performanceDensityJustBelow592_printsEnoughDigits() {
    assertThat(Numbers.fmtAgainst(5.9199, 5.92)).isEqualTo("5.9199");
    assertThat(Numbers.fmtAgainst(5.92, 5.92)).isEqualTo("5.92");
    assertThat(Numbers.fmtAgainst(2.91, 5.92)).isEqualTo("2.91");
    // TPP 4735.2 over die 800 mm² gives PD 5.919: .a.2 fails and the reason shows 5.919 < 5.92.
    var chip = TestChips.tppChip(4735.2, 800.0, chipmix.catalog.Market.DATACENTER);
    Classification c = EC.classify(chip, LocalDate.of(2024, 6, 1));
    assertThat(c.label()).isEqualTo("3A090.b.1");
    assertThat(c.reasons().toString()).doesNotContain("5.92 < 5.92");
  }

  @Test
  @DisplayName("Conditions are what must be true: possible outcomes never read 'if not RULE'")
  void possibleOutcomes_stateConditionsAsFacts() {
    var chip = TestChips.chip("h9-x").with(chipmix.catalog.Metric.TPP_REPORTED, 1000, "user-input")
        .with(chipmix.catalog.Metric.DIE_AREA, 600, "user-input").build();
    Determination d = EC.determine(Request.of(chip, "CN", LocalDate.of(2025, 6, 1)));
    assertThat(d.uncertain()).isTrue();
    assertThat(d.possibilities()).extracting(Determination.Possibility::when)
        .noneMatch(w -> w.contains("not R2025")).anyMatch(w -> w.contains("DRAM bandwidth < 4000 GB/s"));
  }

  @Test
  @DisplayName("R11, AMD-2025-12-MI308: the 15% share is a condition only when the letter decides the outcome; POTUS-232-2026-01: the 25% tariff")
  void revenueShareAndTariff_areConditionsWithCosts() {
    Determination h20 = EC.determine(Request.of(TestChips.H20, "CN", LocalDate.of(2025, 9, 1)));
    assertThat(h20.conditions()).singleElement().satisfies(c -> assertThat(c.cost()).hasValueSatisfying(k -> {
      assertThat(k.kind()).isEqualTo(Cost.Kind.REVENUE_SHARE);
      assertThat(k.percent()).isEqualTo(15);
    }));
    // A Huawei party makes the Entity List decide: no revenue-share condition is listed or cited.
    Determination el = EC.determine(new Request(TestChips.H20, "CN", Optional.empty(), "US", List.of("huawei"),
        LocalDate.of(2025, 9, 1)));
    assertThat(el.conditions()).isEmpty();
    assertThat(el.reasons()).extracting(Reason::rule).doesNotContain("R2025-H20-REVENUE-SHARE");
    Determination h200 = EC.determine(Request.of(TestChips.H200, "CN", LocalDate.of(2026, 3, 1)));
    assertThat(h200.conditions()).anySatisfy(c -> assertThat(c.cost()).hasValueSatisfying(k -> {
      assertThat(k.kind()).isEqualTo(Cost.Kind.TARIFF);
      assertThat(k.percent()).isEqualTo(25);
    }));
    assertThat(h200.drivers()).extracting(Determination.Driver::rule).contains("R2023-DC-D5", "R2026-H200");
  }

  @Test
  @DisplayName("RTX 4090 D: with its PCIe I/O known the H20 letter's 900 GB/s interconnect test fails and no 15% condition is attached (NVDA-8K-2025-04, S12)")
  void rtx4090d_withItsIoKnown_isNotCaughtByTheH20Letter() {
    // TPP 4707 < 4800 and consumer (S12): not 3A090. PCIe 4.0 x16 is 64 GB/s bidirectional; DRAM 1008 GB/s.
    var known = TestChips.chip("rtx-4090d").with(chipmix.catalog.Metric.TPP_REPORTED, 4707, "S12")
        .with(chipmix.catalog.Metric.IO_BANDWIDTH, 64, "user-input")
        .with(chipmix.catalog.Metric.MEMORY_BANDWIDTH, 1.008, "user-input")
        .market(chipmix.catalog.Market.CONSUMER).build();
    Determination d = EC.determine(Request.of(known, "CN", LocalDate.of(2025, 9, 1)));
    assertThat(d.verdict().outcome()).isEqualTo(Outcome.NOT_CONTROLLED);
    assertThat(d.uncertain()).isFalse();
    assertThat(d.conditions()).isEmpty();
    // Without an I/O figure the letter's interconnect test is undecided: uncertain, and the possible
    // outcome says what must be true, never "if not R2025-H20".
    var unknown = TestChips.chip("rtx-4090d").with(chipmix.catalog.Metric.TPP_REPORTED, 4707, "S12")
        .with(chipmix.catalog.Metric.MEMORY_BANDWIDTH, 1.008, "user-input")
        .market(chipmix.catalog.Market.CONSUMER).build();
    Determination u = EC.determine(Request.of(unknown, "CN", LocalDate.of(2025, 9, 1)));
    assertThat(u.uncertain()).isTrue();
    assertThat(u.possibilities()).extracting(Determination.Possibility::when)
        .anyMatch(w -> w.contains("interconnect bandwidth < 900 GB/s"));
  }

  @Test
  @DisplayName("AMD-10Q-2025: an MI308X with its TPP known is headlined by AMD's letter, for China and for a China-headquartered buyer abroad")
  void mi308x_isHeadlinedByAmdsLetter() {
    Determination cn = EC.determine(Request.of(TestChips.MI308X, "CN", LocalDate.of(2025, 6, 1)));
    assertThat(cn.headline()).startsWith("LICENSE REQUIRED (REVIEW POLICY NOT PUBLISHED) — R2025-MI308");
    Determination de = EC.determine(new Request(TestChips.MI308X, "DE", Optional.of("CN"), "US", List.of(),
        LocalDate.of(2025, 6, 1)));
    assertThat(de.drivers()).extracting(Determination.Driver::rule).containsExactly("R2025-MI308");
  }

  @Test
  @DisplayName("AMD-10Q-2025: the catalog's MI308X (TPP unknown, no AMD compute figure) is headlined by the letter that names it; only the review policy is uncertain")
  void catalogMi308x_withTppUnknown_isHeadlinedByTheLetterThatNamesIt() {
    var mi308x = CATALOG.chip("chip", "mi308x");
    assertThat(chipmix.catalog.ChipFigures.tpp(mi308x)).as("AMD publishes no MI308X compute rate: TPP stays unknown").isEmpty();
    Determination d = EC.determine(Request.of(mi308x, "CN", LocalDate.of(2025, 6, 1)));
    assertThat(d.uncertain()).isTrue();
    assertThat(d.drivers()).extracting(Determination.Driver::rule).containsExactly("R2025-MI308");
    assertThat(d.headline())
        .startsWith("LICENSE REQUIRED — R2025-MI308 (")
        .contains("which names this chip")
        .contains("[review policy uncertain: presumption of denial or not published, depending on TPP (unknown)");
    // Every possible outcome needs a license: the letter applies by name whatever the TPP.
    assertThat(d.possibilities()).extracting(p -> p.verdict().outcome()).containsOnly(Outcome.LICENSE_REQUIRED);
    // Before the letter (April 2025) nothing names the chip: the worst case is headlined as before.
    Determination before = EC.determine(Request.of(mi308x, "CN", LocalDate.of(2025, 1, 1)));
    assertThat(before.headline()).startsWith("LICENSE REQUIRED (PRESUMPTION OF DENIAL) — R2023-DC-D5")
        .contains("[uncertain: most restrictive possible outcome]");
  }

  @Test
  @DisplayName("S65, R13, R09: the RTX PRO 6000D and the Ascend 910D are catalogued with only cited figures; their TPP is unknown, so the answer is uncertain, and the measures that name them are reported")
  void rtxPro6000dAndAscend910d_areCatalogued_withUnknownTpp() {
    var d6000 = CATALOG.chip("chip", "rtx-pro-6000d");
    var a910d = CATALOG.chip("chip", "910d");
    assertThat(chipmix.catalog.ChipFigures.tpp(d6000)).isEmpty();
    assertThat(chipmix.catalog.ChipFigures.tpp(a910d)).isEmpty();
    assertThat(a910d.specs()).as("no source gives a 910D figure").isEmpty();
    assertThat(d6000.spec(chipmix.catalog.Metric.MEMORY_CAPACITY).orElseThrow().sources()).containsExactly("S65");

    Determination six = EC.determine(Request.of(d6000, "CN", LocalDate.of(2025, 10, 1)));
    assertThat(six.uncertain()).isTrue();
    assertThat(six.findings(FindingKind.IMPORT_SIDE)).extracting(Finding::rule).contains("CN-CAC-STOP-ORDERS");
    Determination ten = EC.determine(Request.of(a910d, "CN", LocalDate.of(2025, 10, 1)));
    assertThat(ten.uncertain()).isTrue();
    assertThat(ten.findings(FindingKind.US_GUIDANCE)).extracting(Finding::rule).contains("R2025-ASCEND-GUIDANCE");
  }
}
