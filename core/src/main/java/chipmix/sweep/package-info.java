/**
 * Sweeps: one base scenario planned over the Cartesian product of axes (scenario fields set,
 * multiplied or added), one result row per plan, and the summary and sensitivity of the outcomes
 * over the axes. The sweep file and its expansion are pure data ({@link chipmix.sweep.SweepSpec},
 * {@link chipmix.sweep.Grid}); applying a point is a pure function on the scenario's tree
 * ({@link chipmix.sweep.SweepJob}); the local engine runs the points on a fixed-size thread pool.
 * See docs/sweeps.md.
 */
package chipmix.sweep;
