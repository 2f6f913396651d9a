package chipmix.exportcontrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chipmix.catalog.Chip;
import chipmix.catalog.Market;
import chipmix.validation.InvalidInputException;
import chipmix.validation.Issues;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per rule in rules.yaml: facts in, outcome and the rule's reason (or finding) out,
 * plus the day before and the day each rule takes effect or ends.
 */
class DetermineTest {
  private static final ExportControl EC = ExportControl.bundled();
  private static final Verdict DENIAL = new Verdict(Outcome.LICENSE_REQUIRED, ReviewPolicy.PRESUMPTION_OF_DENIAL);
  private static final Verdict APPROVAL = new Verdict(Outcome.LICENSE_REQUIRED, ReviewPolicy.PRESUMPTION_OF_APPROVAL);
  private static final Verdict CASE = new Verdict(Outcome.LICENSE_REQUIRED, ReviewPolicy.CASE_BY_CASE);
  private static final Verdict UNPUBLISHED = new Verdict(Outcome.LICENSE_REQUIRED, ReviewPolicy.NOT_PUBLISHED);
  private static final Verdict ENTITY = new Verdict(Outcome.ENTITY_LIST, ReviewPolicy.PRESUMPTION_OF_DENIAL);
  private static final Verdict ENTITY_CASE = new Verdict(Outcome.ENTITY_LIST, ReviewPolicy.CASE_BY_CASE);
  private static final Verdict NAC = Verdict.of(Outcome.LICENSE_EXCEPTION_NAC);
  private static final Verdict ACA = Verdict.of(Outcome.LICENSE_EXCEPTION_ACA);
  private static final Verdict NLR = Verdict.of(Outcome.NO_LICENSE_REQUIRED);
  private static final Verdict FREE = Verdict.of(Outcome.NOT_CONTROLLED);

  /** A case that triggers one rule. */
  record Case(String rule, Chip chip, String from, String to, String buyerHq, String party, String owner, String date,
      Verdict expected) {
    Case(String rule, Chip chip, String to, String buyerHq, String party, String date, Verdict expected) {
      this(rule, chip, "US", to, buyerHq, party, null, date, expected);
    }

    Request request() {
      return request(LocalDate.parse(date));
    }

    Request request(LocalDate d) {
      return new Request(chip, to, Optional.ofNullable(buyerHq), from, party == null ? List.of() : List.of(party),
          owner == null ? List.of() : List.of(owner), d);
    }

    @Override
    public String toString() {
      return rule + ": " + chip.id() + " to " + to + (buyerHq == null ? "" : " (buyer HQ " + buyerHq + ")")
          + (party == null ? "" : " party " + party) + " on " + date;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        // Entity List: any item, even an uncontrolled one (R20, R26, R04).
        new Case("EL-HUAWEI", TestChips.H20, "CN", null, "huawei", "2024-06-01", ENTITY),
        new Case("EL-2022-12", TestChips.L20, "CN", null, "cambricon", "2023-01-01", ENTITY),
        new Case("EL-2023-10", TestChips.L20, "CN", null, "biren", "2023-10-20", ENTITY),
        // Sugon/Higon, June 2019 (EL-2019-06); SMIC, Dec 2020, case by case outside <=10 nm items (EL-2020-12);
        // Inspur Group, March 2023 (EL-2023-03-INSPUR); Sophgo and Zhipu AI, Jan 2025 (EL-2025-01);
        // Inspur subsidiaries, Mar 2025 (EL-2025-03, FR Doc 2025-05427).
        new Case("EL-2019-06", TestChips.L20, "CN", null, "dawning", "2023-01-01", ENTITY),
        new Case("EL-2020-12-SMIC", TestChips.L20, "CN", null, "smic", "2023-01-01", ENTITY_CASE),
        new Case("EL-2023-03-INSPUR", TestChips.L20, "CN", null, "inspur", "2023-06-01", ENTITY),
        new Case("EL-2025-01", TestChips.L20, "CN", null, "sophgo", "2025-02-01", ENTITY),
        new Case("EL-2025-03", TestChips.L20, "TW", null, "inspur-taiwan", "2025-04-01", ENTITY),
        // Affiliates Rule (FR Doc 2025-19001): in force 2025-09-29..11-09, suspended to 2026-11-09, back
        // from 2026-11-10 (BIS-AFFILIATES-SUSPENSION); a Malaysian buyer owned by Huawei.
        new Case("EL-AFFILIATES", TestChips.L20, "US", "MY", null, "acme-my", "huawei", "2025-10-01", ENTITY),
        new Case("EL-AFFILIATES-SUSPENDED", TestChips.L20, "US", "MY", null, "acme-my", "huawei", "2026-01-01", FREE),
        new Case("EL-AFFILIATES-REIMPOSED", TestChips.L20, "US", "MY", null, "acme-my", "huawei", "2026-11-15", ENTITY),
        // Oct 2022: A100 (B.6 #1) to China; Macau from 2023-01-18 (R02).
        new Case("R2022-CHINA", TestChips.A100, "CN", null, null, "2023-06-01", DENIAL),
        new Case("R2023-MACAU", TestChips.A100, "MO", null, null, "2023-06-01", DENIAL),
        // Oct 2023 license matrix (B.2).
        new Case("R2023-DC-D5", TestChips.H100, "RU", null, null, "2024-06-01", DENIAL),
        new Case("R2023-DC-D1D4", TestChips.H100, "AE", null, null, "2024-06-01", APPROVAL),
        new Case("R2023-DC-D1D4-HQ", TestChips.H100, "AE", "CN", null, "2024-06-01", DENIAL),
        new Case("R2023-DC-HQ", TestChips.H100, "DE", "CN", null, "2024-06-01", CASE),
        new Case("R2023-NAC-D5", TestChips.RTX4090, "CN", null, null, "2024-06-01", NAC),
        new Case("R2023-NAC-HQ", TestChips.RTX4090, "DE", "MO", null, "2024-06-01", NAC),
        new Case("R2023-NAC-D1D4", TestChips.RTX4090, "AE", null, null, "2024-01-01", NAC),
        new Case("R2024-ACA-D1D4", TestChips.RTX4090, "AE", null, null, "2024-06-01", ACA),
        new Case("R2024-HBM", TestChips.H100, "DE", null, null, "2025-01-01", NLR),
        // AI Diffusion: in force 2025-01-13..05-12, compliance 2025-05-15 never reached: pending only.
        new Case("R2025-AID-TIER2", TestChips.H100, "IN", null, null, "2025-03-01", NLR),
        new Case("R2025-AID-TIER1", TestChips.H100, "DE", null, null, "2025-03-01", NLR),
        // 2025 chip-specific actions (R10, R11, R09).
        new Case("R2025-H20", TestChips.H20, "CN", null, null, "2025-06-01", UNPUBLISHED),
        new Case("R2025-MI308", TestChips.MI308X, "DE", "CN", null, "2025-06-01", UNPUBLISHED),
        // Intel's letter (INTC-2025-04): DRAM >= 1400 GB/s to China, for a Gaudi part outside 3A090.
        new Case("R2025-INTEL", TestChips.GAUDI_BELOW_3A090, "CN", null, null, "2025-06-01", UNPUBLISHED),
        new Case("R2025-H20-LICENSES-RESUMED", TestChips.H20, "CN", null, null, "2025-07-20", UNPUBLISHED),
        new Case("R2025-H200-ANNOUNCED", TestChips.H200, "CN", null, null, "2025-12-20", DENIAL),
        new Case("R2025-H20-REVENUE-SHARE", TestChips.H20, "CN", null, null, "2025-09-01", UNPUBLISHED),
        new Case("R2025-ASCEND-GUIDANCE", TestChips.ASCEND_910B, "DE", null, null, "2025-06-01", NLR),
        // Jan 2026 (R16): H200 to China, case by case (B.6 #7).
        new Case("R2026-H200", TestChips.H200, "CN", null, null, "2026-03-01", CASE),
        new Case("R2026-SECTION-232-TARIFF", TestChips.H200, "CN", null, null, "2026-03-01", CASE),
        // BIS guidance of 2026-05-31 (BIS-2026-05-31-HQ): China-HQ buyer in Malaysia, headquarters rule.
        new Case("R2026-HQ-GUIDANCE", TestChips.H100, "MY", "CN", null, "2026-06-15", CASE),
        // Import side and third countries: never change the US outcome.
        new Case("CN-CAC-H20-SUMMONS", TestChips.H20, "CN", null, null, "2025-08-01", UNPUBLISHED),
        new Case("CN-CAC-STOP-ORDERS", TestChips.H20, "CN", null, null, "2025-10-01", UNPUBLISHED),
        new Case("CN-CUSTOMS-H200", TestChips.H200, "CN", null, null, "2026-01-20", CASE),
        new Case("CN-H200-IMPORT-APPROVALS", TestChips.H200, "CN", null, null, "2026-03-01", CASE),
        new Case("CN-DOMESTIC-CHIPS-STATE-DC", TestChips.H100, "CN", null, null, "2026-02-01", CASE),
        // Malaysia's permit (MY-MITI-2025-07) is for exports from Malaysia: --from MY brings it.
        new Case("MY-STRATEGIC-TRADE-PERMIT", TestChips.H100, "MY", "SG", null, null, null, "2025-08-01", NLR),
        new Case("MY-STRATEGIC-TRADE-PERMIT-ONWARD", TestChips.H100, "MY", null, null, "2025-08-01", NLR),
        new Case("SG-END-USER-ENFORCEMENT", TestChips.H100, "SG", null, null, "2025-06-01", NLR));
  }

  private static Set<String> ruleIds(Determination d) {
    Set<String> ids = d.reasons().stream().map(Reason::rule).collect(Collectors.toSet());
    d.findings().forEach(f -> ids.add(f.rule()));
    return ids;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void determine_ruleCase_givesVerdictAndCitesTheRule(Case c) {
    Determination d = EC.determine(c.request());
    Rule rule = EC.book().rule(c.rule()).orElseThrow();
    assertThat(d.verdict()).isEqualTo(c.expected());
    assertThat(d.uncertain()).isFalse();
    assertThat(ruleIds(d)).contains(c.rule());
    String citation = Stream.concat(d.reasons().stream().filter(r -> r.rule().equals(c.rule())).map(Reason::citation),
        d.findings().stream().filter(f -> f.rule().equals(c.rule())).map(Finding::citation)).findFirst().orElseThrow();
    assertThat(citation).isEqualTo(rule.citation()).isNotBlank();
    assertThat(d.notice()).startsWith("Not legal advice");
    assertThat(d.asOf()).isEqualTo(EC.book().asOf());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void determine_ruleCase_appliesFromItsFirstDayAndNotTheDayBefore(Case c) {
    Rule rule = EC.book().rule(c.rule()).orElseThrow();
    LocalDate first = rule.effectiveFrom().isBefore(RuleBook.EARLIEST) ? RuleBook.EARLIEST : rule.effectiveFrom();
    assertThat(ruleIds(EC.determine(c.request(first)))).as("on %s", first).contains(c.rule());
    if (rule.effectiveFrom().isAfter(RuleBook.EARLIEST)) {
      LocalDate before = rule.effectiveFrom().minusDays(1);
      assertThat(ruleIds(EC.determine(c.request(before)))).as("on %s", before).doesNotContain(c.rule());
    }
    if (rule.effectiveTo().isPresent()) {
      LocalDate last = rule.effectiveTo().get();
      assertThat(ruleIds(EC.determine(c.request(last)))).as("on its last day %s", last).contains(c.rule());
      assertThat(ruleIds(EC.determine(c.request(last.plusDays(1))))).as("after %s", last).doesNotContain(c.rule());
    }
  }

  @Test
  void cases_coverEveryRuleInTheData() {
    assertThat(cases().map(Case::rule).collect(Collectors.toSet()))
        .isEqualTo(EC.book().rules().stream().map(Rule::id).collect(Collectors.toSet()));
  }

  @Test
  @DisplayName("Done-when: H20 to China is not controlled on 2024-06-01 and needs a license on 2025-06-01")
  void determine_h20China_changesBetween2024And2025() {
    Determination before = EC.determine(Request.of(TestChips.H20, "CN", LocalDate.of(2024, 6, 1)));
    Determination after = EC.determine(Request.of(TestChips.H20, "CN", LocalDate.of(2025, 6, 1)));
    assertThat(before.verdict()).isEqualTo(FREE);
    assertThat(after.verdict()).isEqualTo(UNPUBLISHED);
    assertThat(after.reasons()).extracting(Reason::rule).contains("R2023", "R2025-H20");
    assertThat(after.reasons()).filteredOn(r -> r.rule().equals("R2025-H20")).singleElement()
        .satisfies(r -> assertThat(r.citation()).contains("R10"));
  }

  @Test
  void determine_revenueShare_isAConditionOfTheH20Licence() {
    Determination d = EC.determine(Request.of(TestChips.H20, "CN", LocalDate.of(2025, 9, 1)));
    assertThat(d.conditions()).anyMatch(c -> c.text().contains("15%") && c.sources().contains("R11"));
  }

  @Test
  @DisplayName("B.6 #30: the Jan 2026 case-by-case path covers H200, MI325X and H100 but not B200")
  void determine_jan2026Eligibility_followsTppAndDramBandwidth() {
    LocalDate d = LocalDate.of(2026, 3, 1);
    assertThat(EC.determine(Request.of(TestChips.H200, "CN", d)).verdict()).isEqualTo(CASE);   // 15832 < 21000; 4800 < 6500
    assertThat(EC.determine(Request.of(TestChips.MI325X, "CN", d)).verdict()).isEqualTo(CASE); // 20919 < 21000; 6000 < 6500
    assertThat(EC.determine(Request.of(TestChips.H100, "CN", d)).verdict()).isEqualTo(CASE);   // 15832; 3350
    assertThat(EC.determine(Request.of(TestChips.B200, "CN", d)).verdict()).isEqualTo(DENIAL); // 36000 >= 21000
    // Reexports (not from the US) stay presumption of denial (R16).
    Request reexport = new Request(TestChips.H200, "CN", Optional.empty(), "SG", List.of(), d);
    assertThat(EC.determine(reexport).verdict()).isEqualTo(DENIAL);
    // Hong Kong is treated as China (an assumption the answer flags).
    Determination hk = EC.determine(Request.of(TestChips.H200, "HK", d));
    assertThat(hk.verdict()).isEqualTo(CASE);
    assertThat(hk.caveats()).anyMatch(c -> c.startsWith("Hong Kong's membership of China including Hong Kong is unconfirmed"));
  }

  @Test
  @DisplayName("B.6 #13: RTX 4090 needs NAC for China, ACA for D:1/D:4 (after Apr 2024), nothing elsewhere")
  void determine_rtx4090_followsNonDatacenterMatrix() {
    LocalDate d = LocalDate.of(2024, 6, 1);
    assertThat(EC.determine(Request.of(TestChips.RTX4090, "CN", d)).verdict()).isEqualTo(NAC);
    assertThat(EC.determine(Request.of(TestChips.RTX4090, "SA", d)).verdict()).isEqualTo(ACA);
    assertThat(EC.determine(Request.of(TestChips.RTX4090, "DE", d)).verdict()).isEqualTo(NLR);
    assertThat(EC.determine(Request.of(TestChips.RTX4090, "CN", d)).conditions())
        .anyMatch(c -> c.text().contains("Notify BIS"));
  }

  @Test
  void determine_israelAndCyprus_areCarvedOutOfTheDGroupScope() {
    // R21: the Oct 2023 scope excludes countries also in A:5/A:6 (Israel, Cyprus).
    LocalDate d = LocalDate.of(2024, 6, 1);
    assertThat(EC.determine(Request.of(TestChips.H100, "IL", d)).verdict()).isEqualTo(NLR);
    assertThat(EC.determine(Request.of(TestChips.H100, "CY", d)).verdict()).isEqualTo(NLR);
  }

  @Test
  @DisplayName("Cambodia leaves D:5 on 2026-02-03 (R23): denial the day before, approval from that day")
  void determine_cambodia_changesGroupOn20260203() {
    assertThat(EC.determine(Request.of(TestChips.H100, "KH", LocalDate.of(2026, 2, 2))).verdict()).isEqualTo(DENIAL);
    Determination after = EC.determine(Request.of(TestChips.H100, "KH", LocalDate.of(2026, 2, 3)));
    assertThat(after.verdict()).isEqualTo(APPROVAL);
    assertThat(after.caveats()).anyMatch(c -> c.contains("Cambodia's membership") && c.contains("unconfirmed"));
  }

  @Test
  @DisplayName("AI Diffusion: pending on its last day 2025-05-12, gone on the rescission day 2025-05-13; never binding")
  void determine_aiDiffusion_isPendingUntilRescission() {
    Determination last = EC.determine(Request.of(TestChips.H100, "IN", LocalDate.of(2025, 5, 12)));
    assertThat(last.verdict()).isEqualTo(NLR);
    assertThat(last.findings(FindingKind.PENDING)).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo("R2025-AID-TIER2");
      assertThat(f.text()).contains("compliance date 2025-05-15");
    });
    Determination rescinded = EC.determine(Request.of(TestChips.H100, "IN", LocalDate.of(2025, 5, 13)));
    assertThat(rescinded.findings(FindingKind.PENDING)).isEmpty();
    assertThat(rescinded.verdict()).isEqualTo(NLR);
  }

  @Test
  void determine_importSideFindings_areSeparateFromUsReasons() {
    Determination d = EC.determine(Request.of(TestChips.H200, "CN", LocalDate.of(2026, 1, 20)));
    assertThat(d.findings(FindingKind.IMPORT_SIDE)).extracting(Finding::rule).contains("CN-CUSTOMS-H200");
    assertThat(d.reasons()).extracting(Reason::rule).doesNotContain("CN-CUSTOMS-H200");
  }

  @Test
  @DisplayName("Unknown die area: TPU v4 to the UAE takes the most restrictive outcome and says which fact decides")
  void determine_unknownDieArea_mostRestrictiveAndLabelled() {
    Determination d = EC.determine(Request.of(TestChips.TPU_V4, "AE", LocalDate.of(2024, 6, 1)));
    assertThat(d.uncertain()).isTrue();
    assertThat(d.verdict()).isEqualTo(APPROVAL);
    assertThat(d.possibilities()).extracting(Determination.Possibility::verdict).contains(APPROVAL, ACA, FREE);
    assertThat(d.caveats().get(0)).startsWith("Uncertain:").contains("most restrictive");
    assertThat(d.classification().decidingFacts()).containsExactly("applicable die area (unknown)");
  }

  @Test
  @DisplayName("A described chip with the H20's memory bandwidth is not bound by NVIDIA's letter, and the answer says so (NVDA-8K-2025-04)")
  void determine_describedChip_isNotBoundByVendorLetters() {
    Issues issues = new Issues();
    Chip custom = new DescribedChip("my accel", OptionalDouble.of(2000), OptionalDouble.of(800), OptionalDouble.of(4100),
        OptionalDouble.empty(), Market.DATACENTER, "US").toChip(issues, Map.of()).orElseThrow();
    assertThat(custom.id()).isEqualTo("my-accel");
    Determination d = EC.determine(Request.of(custom, "CN", LocalDate.of(2025, 6, 1)));
    // 2000 < 2400 and PD 2000 / 800 = 2.5 < 3.2: not 3A090; the letters bind NVIDIA, AMD and Intel only.
    assertThat(d.classification().label()).isEqualTo("not 3A090");
    assertThat(d.verdict()).isEqualTo(FREE);
    assertThat(d.caveats()).anyMatch(c -> c.contains("vendor letters") && c.contains("R2025-H20"));
    assertThat(d.reasons().get(0).citation()).contains(DescribedChip.SOURCE);
  }

  @Test
  void describedChip_badValues_reportsEveryProblem() {
    Issues issues = new Issues();
    Optional<Chip> c = new DescribedChip("x", OptionalDouble.empty(), OptionalDouble.of(-1), OptionalDouble.of(0),
        OptionalDouble.empty(), Market.DATACENTER, "USA").toChip(issues, Map.of("tpp", "`tpp`", "die_area", "`die_area`",
        "memory_bandwidth", "`memory_bandwidth`", "origin", "`origin`"));
    assertThat(c).isEmpty();
    assertThat(issues.list()).extracting(chipmix.validation.ValidationIssue::path)
        .containsExactlyInAnyOrder("`die_area`", "`memory_bandwidth`", "`tpp`", "`origin`");
  }

  @Test
  void determine_unknownCountriesAndEarlyDate_listsEveryProblemWithSuggestions() {
    Request bad = new Request(TestChips.H100, "XC", Optional.of("Chna"), "US", List.of(), LocalDate.of(2021, 1, 1));
    assertThatThrownBy(() -> EC.determine(bad))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).issues()).hasSize(3))
        .hasMessageContaining("destination: unknown country code 'XC'")
        .hasMessageContaining("buyer_hq: unknown country code 'CHNA'")
        .hasMessageContaining("2021-01-01 is before the first AI-chip rule");
  }

  @Test
  void country_nameInsteadOfCode_suggestsTheCode() {
    Issues issues = new Issues();
    assertThat(EC.country(issues, "`to`", "Germany")).isEmpty();
    assertThat(issues.list()).singleElement().satisfies(i -> assertThat(i.message()).contains("'DE' (Germany)"));
  }

  @Test
  void determine_unknownParty_isNotClearedButFlagged() {
    Request r = new Request(TestChips.H20, "CN", Optional.empty(), "US", List.of("acme"), LocalDate.of(2024, 6, 1));
    Determination d = EC.determine(r);
    assertThat(d.verdict()).isEqualTo(FREE);
    // The finding says what was checked (the entries chipmix holds) and what was not (the rest of the
    // list, other lists, ownership), and never clears the party.
    assertThat(d.caveats()).anyMatch(c -> c.contains("'acme' is not among the " + EC.book().parties().size())
        && c.contains("Not checked") && c.contains("Affiliates Rule") && c.contains("Consolidated Screening List"));
  }

  @Test
  void determine_partyListedAfterTheDate_doesNotApply() {
    Request r = new Request(TestChips.L20, "CN", Optional.empty(), "US", List.of("biren"), LocalDate.of(2023, 10, 16));
    assertThat(EC.determine(r).verdict()).isEqualTo(FREE);
  }
}
