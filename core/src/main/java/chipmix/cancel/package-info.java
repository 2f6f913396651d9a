/**
 * Cooperative cancellation of long computations. A caller that wants a computation stopped
 * interrupts the thread running it (the web server does, when the client disconnects or the
 * request's time limit passes); the computation calls {@link chipmix.cancel.Cancellation#check()}
 * between units of work (layouts of a search, chips of a sizing, rows of a matrix, plans of a
 * scenario) and stops with {@link chipmix.cancel.CancelledException}. Reading the thread's
 * interrupt flag is no I/O and no clock: a computation that is not interrupted gives the same
 * answer as before, and the CLI, which never interrupts, is unaffected.
 */
package chipmix.cancel;
