package org.ptoracle.difftest.run;

import org.ptoracle.difftest.machine.Machine;
import org.ptoracle.difftest.machine.MachineConfig;

/** Builds one backend's initial machine for a trace header, with the level 4 table at {@code level4Frame}. */
@FunctionalInterface
public interface MachineFactory {
    Machine create(MachineConfig config, long level4Frame);
}
