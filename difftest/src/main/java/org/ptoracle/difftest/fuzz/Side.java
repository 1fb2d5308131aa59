package org.ptoracle.difftest.fuzz;

import org.ptoracle.difftest.machine.ModelMachine;
import org.ptoracle.difftest.run.MachineFactory;
import org.ptoracle.model.SeededBug;

/**
 * One side of a differential run: how to build its machine, and which seeded bug (if any) its mapper
 * carries. The model side may carry a bug; the other side is the reference it is checked against.
 */
public record Side(String name, MachineFactory machines, int crateBug) {

    /** The reference model, or the model with one seeded bug (crate-side or MMU-side). */
    public static Side model(int seededBug) {
        return new Side("model", (config, level4) -> new ModelMachine(config, level4, seededBug), seededBug);
    }

    /** The same side under another name (for reports). */
    public Side withName(String newName) {
        return new Side(newName, machines, crateBug);
    }

    /** Another backend's machines, running the crate model without bugs. */
    public static Side of(String name, MachineFactory machines) {
        return new Side(name, machines, SeededBug.NONE);
    }
}
