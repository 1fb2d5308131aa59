package org.ptoracle.difftest.trace;

import java.util.List;
import org.ptoracle.difftest.machine.MachineConfig;

/** A whole parsed trace: the machine its header describes, and its operations in order. */
public record Trace(MachineConfig config, List<Step> steps) {
    public Trace {
        steps = List.copyOf(steps);
    }
}
