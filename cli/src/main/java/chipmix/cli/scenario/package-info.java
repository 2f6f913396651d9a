/**
 * The {@code plan}, {@code compare} and {@code scenario validate} commands: thin adapters that
 * load the catalog, wire the planner to the engines, record the inputs' as-of data and write
 * the reports.
 */
package chipmix.cli.scenario;
