/**
 * The scenario planner: a company's fleet, orders, training runs and serving demand over time.
 * {@link chipmix.scenario.ScenarioLoader} reads a scenario file strictly (every problem at once,
 * with paths); {@link chipmix.scenario.Planner} turns it into a {@link chipmix.scenario.Plan},
 * month by month, as a pure function. The export, training and inference answers come through
 * {@link chipmix.scenario.Engines}, so the planner holds no rule or formula of its own.
 */
package chipmix.scenario;
