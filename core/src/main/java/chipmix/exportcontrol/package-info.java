/**
 * US export-control rules for AI chips: "may we get this chip, here, on this date, and why?"
 *
 * <p>The rules are data ({@code /chipmix/rules/*.yaml}, loaded by {@link
 * chipmix.exportcontrol.RuleBookLoader}): ECCN 3A090 regimes with their paragraphs, license
 * rules with scopes and effects, country groups with dated membership changes, Entity List
 * parties. The code holds only the closed set of criterion kinds ({@link
 * chipmix.exportcontrol.Criterion}), effect kinds ({@link chipmix.exportcontrol.Effect}) and the
 * decision procedure ({@link chipmix.exportcontrol.ExportControl}), which is pure: every call
 * takes its date explicitly. Answers are not legal advice.
 */
package chipmix.exportcontrol;
