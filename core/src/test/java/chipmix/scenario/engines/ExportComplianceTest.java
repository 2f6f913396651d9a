package chipmix.scenario.engines;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.exportcontrol.ExportControl;
import chipmix.scenario.Engines.Finding;
import chipmix.scenario.Engines.Reason;
import chipmix.scenario.Engines.Verdict;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The planner's reading of the export engine on the bundled example's delivery dates (rules data as bundled). */
class ExportComplianceTest {
  static final Catalog CATALOG = CatalogLoader.bundled();
  static final ExportCompliance COMPLIANCE = new ExportCompliance(ExportControl.bundled());

  static Finding h20ToChina(String date) {
    return COMPLIANCE.check(CATALOG.chip("chip", "h20"), "US", "CN", "CN", List.of(), LocalDate.parse(date));
  }

  static List<String> citations(List<Reason> reasons) {
    return reasons.stream().flatMap(r -> r.citations().stream()).toList();
  }

  @Test
  void h20_beforeTheApril2025Requirement_isClear() {
    // H20: TPP 2368 < 4800 and PD 2.91 < 5.92, so not 3A090 (reference B.6 row 6).
    assertThat(h20ToChina("2025-03-15").verdict()).isEqualTo(Verdict.CLEAR);
  }

  @Test
  void h20_afterTheApril2025IsInformedLetter_isAtRiskCitingR10() {
    Finding f = h20ToChina("2025-06-15");
    assertThat(f.verdict()).isEqualTo(Verdict.AT_RISK);
    assertThat(f.outcome()).startsWith("license required");
    assertThat(citations(f.reasons())).contains("R10");
  }

  @Test
  void h20_afterChinaToldBuyersToStop_showsTheImportSideFindingSeparately() {
    // R13: mid-September 2025, CAC told ByteDance and Alibaba to stop ordering H20.
    Finding f = h20ToChina("2025-10-15");
    assertThat(f.verdict()).isEqualTo(Verdict.AT_RISK);
    assertThat(citations(f.importSide())).contains("R13");
    assertThat(citations(f.reasons())).doesNotContain("R13");
    assertThat(f.importSide()).noneSatisfy(r -> assertThat(r.text()).startsWith("import side"));
  }

  @Test
  void ascend_deliveredInsideChina_isAtRiskNotBlockedAndSaysWhy() {
    Finding f = COMPLIANCE.check(CATALOG.chip("chip", "ascend-910b"), "CN", "CN", "CN", List.of(),
        LocalDate.parse("2025-09-30"));
    assertThat(f.verdict()).isEqualTo(Verdict.AT_RISK);
    assertThat(f.reasons()).anySatisfy(r -> assertThat(r.text()).startsWith("Planning assumption: the delivery does not leave CN"));
  }

  @Test
  void ascend_exportedFromTheUs_isBlocked() {
    Finding f = COMPLIANCE.check(CATALOG.chip("chip", "ascend-910b"), "US", "CN", "CN", List.of(),
        LocalDate.parse("2025-09-30"));
    assertThat(f.verdict()).isEqualTo(Verdict.BLOCKED);
  }

  @Test
  void citations_areTheIdsInTheLastBracketsAndTheDocumentGoesIntoTheSentence() {
    assertThat(ExportCompliance.citations("[R10, R11]")).containsExactly("R10", "R11");
    assertThat(ExportCompliance.citations("R03; R21")).containsExactly("R03", "R21");
    Reason r = ExportCompliance.reason("Needs a license.", "88 FR 73458, FR Doc 2023-23055 [R03, R21]");
    assertThat(r.text()).isEqualTo("Needs a license. (88 FR 73458, FR Doc 2023-23055)");
    assertThat(r.citations()).containsExactly("R03", "R21");
  }

  @Test
  void h200ToChinaIn2026_carriesThe25PercentTariffAsACost() {
    // POTUS-232-2026-01: 25% duty on H200-class chips imported into the US before export to China.
    Finding f = COMPLIANCE.check(CATALOG.chip("chip", "h200"), "US", "CN", "CN", List.of(), LocalDate.parse("2026-03-01"));
    assertThat(f.costs()).anySatisfy(c -> {
      assertThat(c.tariff()).isTrue();
      assertThat(c.fraction()).isEqualTo(0.25);
      assertThat(c.citations()).contains("POTUS-232-2026-01");
    });
  }

  @Test
  void h20LicenceSinceAugust2025_carriesThe15PercentRevenueShare() {
    // R11: licences from August 2025 with 15% of revenue to the US government.
    assertThat(h20ToChina("2025-09-15").costs()).singleElement().satisfies(c -> {
      assertThat(c.tariff()).isFalse();
      assertThat(c.fraction()).isEqualTo(0.15);
    });
  }

  @Test
  void importSidePolicy_ignoreAtRiskOrBlock(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    // A user rule reports an import-side measure for an L20 (not 3A090, no US requirement) to China.
    java.nio.file.Path f = dir.resolve("import.yaml");
    java.nio.file.Files.writeString(f, """
        sources:
          - {id: TEAM-CN-1, title: "Team note", url: "https://example.com/cn-1"}
        rules:
          - id: TEAM-CN-IMPORT
            title: "Team: customs hold on L20"
            effective_from: 2026-01-01
            document: "Team note"
            sources: [TEAM-CN-1]
            scope: {destinations: [CN]}
            items: {chips: [l20]}
            effect: {report: import-side}
            text: "Customs reportedly hold L20 shipments."
        """);
    ExportCompliance c = new ExportCompliance(new ExportControl(chipmix.exportcontrol.RuleBookLoader.load(
        List.of(chipmix.exportcontrol.RuleBookLoader.Pack.read(f)))));
    var l20 = CATALOG.chip("chip", "l20");
    LocalDate d = LocalDate.parse("2026-02-01");
    assertThat(c.check(l20, "US", "CN", "CN", List.of(), d, chipmix.scenario.ImportSidePolicy.IGNORE).verdict())
        .isEqualTo(Verdict.CLEAR);
    assertThat(c.check(l20, "US", "CN", "CN", List.of(), d, chipmix.scenario.ImportSidePolicy.AT_RISK).verdict())
        .isEqualTo(Verdict.AT_RISK);
    assertThat(c.check(l20, "US", "CN", "CN", List.of(), d, chipmix.scenario.ImportSidePolicy.BLOCK).verdict())
        .isEqualTo(Verdict.BLOCKED);
    // The default (no setting) is at risk, as before the setting existed.
    assertThat(c.check(l20, "US", "CN", "CN", List.of(), d).verdict()).isEqualTo(Verdict.AT_RISK);
  }
}
