package org.ptoracle.difftest.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A trace as data: the header's fields and the steps. {@link #lines} renders it in trace format
 * version 1, with optional comment lines first (a saved counterexample's story).
 */
public record GeneratedTrace(Map<String, Object> header, List<TraceStep> steps) {

    public GeneratedTrace withSteps(List<TraceStep> newSteps) {
        return new GeneratedTrace(header, List.copyOf(newSteps));
    }

    /** The header line. */
    public String headerJson() {
        StringBuilder out = new StringBuilder();
        TraceStep.appendValue(out, header);
        return out.toString();
    }

    /** Comment lines, the header, then one line per step. */
    public List<String> lines(List<String> comments) {
        List<String> lines = new ArrayList<>();
        for (String comment : comments) {
            lines.add("# " + comment);
        }
        lines.add(headerJson());
        for (TraceStep step : steps) {
            lines.add(step.toJson());
        }
        return lines;
    }

    public List<String> lines() {
        return lines(List.of());
    }
}
