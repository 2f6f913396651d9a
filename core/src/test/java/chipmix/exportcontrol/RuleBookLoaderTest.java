package chipmix.exportcontrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.io.Yaml;
import chipmix.validation.InvalidInputException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleBookLoaderTest {
  private static final RuleBook BOOK = RuleBookLoader.bundled();

  @Test
  void bundled_loadsRegimesRulesGroupsAndParties() {
    assertThat(BOOK.regimes()).extracting(Regime::id).containsExactly("R2022", "R2023");
    assertThat(BOOK.groups()).containsKeys("D:5", "D:1+D:4", "A:5+A:6", "MACAU", "CHINA", "AID-TIER1");
    assertThat(BOOK.parties()).extracting(Party::id).contains("huawei", "biren", "moore-threads", "cambricon");
    assertThat(BOOK.asOf()).isEqualTo(LocalDate.of(2026, 12, 3));
  }

  @Test
  void bundled_everyCitationResolvesInTheCatalogOrRuleSourceTable() {
    Catalog catalog = CatalogLoader.bundled();
    List<String> cited = new ArrayList<>();
    BOOK.regimes().forEach(r -> {
      cited.addAll(r.sources());
      r.paragraphs().forEach(p -> cited.addAll(p.sources()));
    });
    BOOK.rules().forEach(r -> {
      cited.addAll(r.sources());
      switch (r.effect()) {
        case Effect.Require q -> q.conditions().forEach(c -> cited.addAll(c.sources()));
        case Effect.Relax x -> x.conditions().forEach(c -> cited.addAll(c.sources()));
        case Effect.AddConditions a -> a.conditions().forEach(c -> cited.addAll(c.sources()));
        case Effect.Report rep -> { }
      }
    });
    BOOK.groups().values().forEach(g -> cited.addAll(g.sources()));
    BOOK.parties().forEach(p -> cited.addAll(p.sources()));
    assertThat(cited).isNotEmpty().allSatisfy(id -> assertThat(catalog.sources().containsKey(id)
        || BOOK.sources().containsKey(id)).as("source %s", id).isTrue());
    assertThat(BOOK.sources().values()).allSatisfy(s -> assertThat(s.url()).startsWith("http"));
  }

  @Test
  void bundled_everyRuleHasAtLeastOneSourceAndASentence() {
    assertThat(BOOK.rules()).allSatisfy(r -> {
      assertThat(r.sources()).as(r.id()).isNotEmpty();
      assertThat(r.text()).as(r.id()).endsWith(".");
    });
  }

  @Test
  void bundled_cambodiaLeavesD5On20260203() {
    CountryGroup d5 = BOOK.groups().get("D:5");
    assertThat(d5.contains("KH", LocalDate.of(2026, 2, 2))).isTrue();
    assertThat(d5.contains("KH", LocalDate.of(2026, 2, 3))).isFalse();
  }

  @Test
  void bundled_norwayIsACountryNotABoolean() {
    // YAML 1.1 reads an unquoted NO as false; the data quotes it.
    assertThat(BOOK.countries()).containsEntry("NO", "Norway");
    assertThat(BOOK.groups().get("AID-TIER1").members()).contains("NO");
  }

  @Test
  void load_badRuleData_reportsEveryProblemWithItsPath() {
    String rules = """
        as_of: 2026-06-30
        regimes:
          - id: R
            title: t
            effective_from: 2023-11-17
            document: d
            paragraphs:
              - {id: p, label: p, class: regular, criteria: {tpp_at_leest: 4800}, text: t}
        rules:
          - id: X
            title: t
            effective_from: 2024-01-01
            document: d
            sources: [R01]
            scope: {destinations: [D:9]}
            items: {classes: [irregular]}
            effect: {require: {outcome: license-required}}
            text: t
          - id: Y
            title: t
            effective_from: 2024-01-01
            document: d
            scope: {}
            items: {any: true}
            effect: {relax: {rules: [Z], review_policy: case-by-case}}
            text: t
        """;
    assertThatThrownBy(() -> RuleBookLoader.load(Yaml.parse("countries: {CN: China}", "c"), Yaml.parse("groups: {}", "g"),
        Yaml.parse("parties: []", "p"), Yaml.parse(rules, "r")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("rules.yaml.regimes[0].paragraphs[0].criteria.tpp_at_leest: unknown key 'tpp_at_leest'; did you mean 'tpp_at_least'")
        .hasMessageContaining("rules.yaml.rules[0].scope.destinations[0]: 'D:9' is neither a country code nor a group id")
        .hasMessageContaining("rules.yaml.rules[0].items.classes[0]: unknown license class 'irregular'")
        .hasMessageContaining("rules.yaml.rules[0].effect.require.review_policy: is required for outcome license-required")
        .hasMessageContaining("rules.yaml.rules[1].sources: is required")
        .hasMessageContaining("rules.yaml.rules[1].effect.relax.rules[0]: unknown rule id 'Z'");
  }

  @Test
  void load_newRuleWithExistingKinds_isADataChangeOnly() {
    // A hypothetical future rule (not real): a license for chips with TPP >= 1000 to Singapore from 2027-01-01.
    String extra = """
          - id: TEST-2027-SG
            title: "test rule"
            effective_from: 2027-01-01
            document: "test"
            sources: [R01]
            scope: {destinations: [SG]}
            items: {matching: [{tpp_at_least: 1000}]}
            effect: {require: {outcome: license-required, review_policy: case-by-case}}
            text: "A test rule."
        """;
    String rulesText = new String(readResource("/chipmix/rules/rules.yaml")) + extra;
    RuleBook book = RuleBookLoader.load(Yaml.parseResource("/chipmix/rules/countries.yaml"),
        Yaml.parseResource("/chipmix/rules/groups.yaml"), Yaml.parseResource("/chipmix/rules/parties.yaml"),
        Yaml.parse(rulesText, "rules.yaml"));
    ExportControl ec = new ExportControl(book);
    assertThat(ec.determine(Request.of(TestChips.L20, "SG", LocalDate.of(2026, 12, 31))).verdict().outcome())
        .isEqualTo(Outcome.NOT_CONTROLLED);
    assertThat(ec.determine(Request.of(TestChips.L20, "SG", LocalDate.of(2027, 1, 1))).verdict())
        .isEqualTo(new Verdict(Outcome.LICENSE_REQUIRED, ReviewPolicy.CASE_BY_CASE));
  }


  private static byte[] readResource(String name) {
    try (var in = RuleBookLoaderTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
