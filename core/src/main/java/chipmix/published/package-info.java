/**
 * Published runs as data ({@code chipmix/validation/*.yaml}, one {@code kind} per record type)
 * and the comparison of the models against them in each source's own accounting.
 */
package chipmix.published;
