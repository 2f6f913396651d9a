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
}
