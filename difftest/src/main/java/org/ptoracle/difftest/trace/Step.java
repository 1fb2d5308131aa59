package org.ptoracle.difftest.trace;

import org.ptoracle.difftest.json.JsonObject;

/**
 * One operation of a trace: its step number (from 1), the line it came from, and the result it is
 * expected to give (null when the line has no {@code expect}).
 */
public record Step(int number, int line, Op op, JsonObject expect) {
}
