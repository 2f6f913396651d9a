/**
 * Input validation shared by every capability: {@link chipmix.validation.ValidationIssue}
 * (path + message), {@link chipmix.validation.InvalidInputException} carrying all of them,
 * {@link chipmix.validation.InfeasibleException} for valid input without an answer, and
 * nearest-name suggestions. Adapters (CLI, web) map these to exit codes and HTTP statuses
 * in one place each; domain code never sees those.
 */
package chipmix.validation;
