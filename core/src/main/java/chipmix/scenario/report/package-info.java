/**
 * Renderers of plans: the terminal report (summary first), the {@code --format json} contract
 * (documented in docs/scenarios.md) and the self-contained HTML report with charts drawn by
 * Apache ECharts, inlined from its WebJar. Pure string building.
 */
package chipmix.scenario.report;
