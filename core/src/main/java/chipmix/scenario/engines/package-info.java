/**
 * Adapters from the planner's {@link chipmix.scenario.Engines} questions to the other
 * capabilities: the export-control engine, the training layout search and the serving sizer.
 * They translate inputs and answers only; the rules and formulas stay in their packages.
 */
package chipmix.scenario.engines;
