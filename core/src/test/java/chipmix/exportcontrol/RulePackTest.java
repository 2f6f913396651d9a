package chipmix.exportcontrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chipmix.scenario.Engines;
import chipmix.scenario.engines.ExportCompliance;
import chipmix.validation.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user rule file (rule pack) laid over the bundled rules: check, timeline, matrix and the planner apply it. */
class RulePackTest {
  private static final String PACK = """
      sources:
        - {id: TEAM-2026-12, title: "Our counsel's note on a new UAE restriction", publisher: "Compliance team",
           url: "https://example.com/notes/2026-12", date: "2026-12-01"}
      rules:
        - id: TEAM-UAE-H20
          title: "Team rule: H20 to the UAE needs a license from 2026-12-01"
          effective_from: 2026-12-01
          document: "Counsel note of 2026-12-01"
          sources: [TEAM-2026-12]
          scope: {destinations: [AE]}
          items: {chips: [h20]}
          effect: {require: {outcome: license-required, review_policy: presumption-of-denial}}
          text: "Our counsel reads a new restriction as requiring a license for H20 to the UAE."
      """;

  private static RuleBook withPack(Path dir, String text) throws IOException {
    Path f = dir.resolve("team.yaml");
    Files.writeString(f, text);
    return RuleBookLoader.load(List.of(RuleBookLoader.Pack.read(f)));
  }

  @Test
  void userRuleFile_addsARestriction_appliedByCheckTimelineMatrixAndPlanner(@TempDir Path dir) throws IOException {
    ExportControl ec = new ExportControl(withPack(dir, PACK));
    Rule rule = ec.book().rule("TEAM-UAE-H20").orElseThrow();
    assertThat(rule.origin()).endsWith("team.yaml");
    assertThat(ec.book().packs()).hasSize(1);
    Verdict denial = new Verdict(Outcome.LICENSE_REQUIRED, ReviewPolicy.PRESUMPTION_OF_DENIAL);
    // check: the day before it is not controlled, from its first day a license with presumption of denial.
    assertThat(ec.determine(Request.of(TestChips.H20, "AE", LocalDate.of(2026, 11, 30))).verdict().outcome())
        .isEqualTo(Outcome.NOT_CONTROLLED);
    Determination d = ec.determine(Request.of(TestChips.H20, "AE", LocalDate.of(2026, 12, 2)));
    assertThat(d.verdict()).isEqualTo(denial);
    assertThat(d.headline()).contains("TEAM-UAE-H20");
    // timeline: an entry on its first day that starts it.
    var t = ec.timeline(Request.of(TestChips.H20, "AE", LocalDate.of(2026, 12, 3)), LocalDate.of(2026, 12, 3));
    assertThat(t).anySatisfy(e -> {
      assertThat(e.date()).isEqualTo(LocalDate.of(2026, 12, 1));
      assertThat(e.started()).contains("TEAM-UAE-H20");
    });
    // matrix: the cell shows it.
    var m = ec.matrix(List.of(TestChips.H20), List.of("AE", "DE"), Optional.empty(), "US", List.of(), LocalDate.of(2026, 12, 2));
    assertThat(ExportJson.cell(m.cells().get(0).get(0))).isEqualTo("LIC:denial");
    assertThat(ExportJson.cell(m.cells().get(0).get(1))).isEqualTo("-");
    // planner's compliance: the delivery is blocked.
    Engines.Finding f = new ExportCompliance(ec).check(TestChips.H20, "US", "AE", "AE", List.of(), LocalDate.of(2026, 12, 2));
    assertThat(f.verdict()).isEqualTo(Engines.Verdict.BLOCKED);
    // The bundled rules alone do not have it.
    assertThat(ExportControl.bundled().book().rule("TEAM-UAE-H20")).isEmpty();
  }

  @Test
  void userRuleFile_mistakes_areListedAtOnceWithLineAndSuggestion(@TempDir Path dir) {
    String bad = """
        rules:
          - id: R2025-H20
            title: "clash"
            effective_from: 2026-01-01
            document: "x"
            sources: [NO-SUCH-SOURCE]
            scope: {destinatons: [AE]}
            items: {chips: [h20]}
            effect: {require: {outcome: license-required, review_policy: presumption-of-denial}}
            text: "x"
        """;
    assertThatThrownBy(() -> withPack(dir, bad))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("team.yaml:2 rules[0].id")
        .hasMessageContaining("duplicate rule id 'R2025-H20'")
        .hasMessageContaining("replace: true")
        .hasMessageContaining("unknown source id 'NO-SUCH-SOURCE'")
        .hasMessageContaining("team.yaml:7 rules[0].scope")
        .hasMessageContaining("destinations");
  }

  @Test
  void userRuleFile_replace_swapsTheBundledRule(@TempDir Path dir) throws IOException {
    String replace = PACK.replace("id: TEAM-UAE-H20", "id: R2024-HBM\n    replace: true");
    RuleBook book = withPack(dir, replace);
    assertThat(book.rule("R2024-HBM").orElseThrow().origin()).endsWith("team.yaml");
    assertThat(book.rules().stream().filter(r -> r.id().equals("R2024-HBM"))).hasSize(1);
  }
}
