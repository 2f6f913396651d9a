/**
 * Quantities with units. Values crossing package boundaries carry their unit in
 * their type ({@link chipmix.units.FlopRate}, {@link chipmix.units.Bytes}, ...),
 * stored in SI base units (FLOP/s, bytes, bytes/s, seconds, watts, US dollars),
 * with {@code of*}/{@code to*} conversions. Decimal prefixes (10^3) unless the
 * method says GiB.
 */
package chipmix.units;
