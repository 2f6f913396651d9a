/**
 * Reading user and bundled YAML/JSON into validated records. Parsing uses Jackson's tree
 * model only; {@link chipmix.io.Node} walks the tree, tracks the path of every value
 * ({@code orders[2].deliveries[0].count}) and collects every problem into one
 * {@link chipmix.validation.Issues}, so a bad file reports all its problems at once and
 * nothing is half-loaded.
 */
package chipmix.io;
