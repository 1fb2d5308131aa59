package org.ptoracle.difftest.fuzz;

/**
 * Where and how two backends first disagreed in a trace.
 *
 * @param step the 1-based step number
 * @param op the op of that step
 * @param kind what the shrinker must keep: the op, and either the two result kinds or "memory"
 * @param detail the two results (or the differing address), for the report
 */
public record Divergence(int step, String op, String kind, String detail) {
}
