package org.ptoracle.difftest.unicorn;

import java.util.ArrayList;
import java.util.List;
import org.ptoracle.difftest.machine.Machine;
import org.ptoracle.difftest.machine.MachineConfig;
import org.ptoracle.difftest.run.MachineFactory;

/**
 * Builds Unicorn machines and reuses their engines: opening an engine costs about half a millisecond and
 * its memory mapping, so a machine that is closed hands its engine back, and the next trace with the same
 * memory size gets it with its memory zeroed. One instance per thread: engines never cross threads.
 */
public final class UnicornMachines implements MachineFactory, AutoCloseable {
    private final List<EmulatedMachine> idle = new ArrayList<>();
    private final List<EmulatedMachine> all = new ArrayList<>();

    /** Opens one engine now, so that a missing or wrong library is reported before any trace runs. */
    public static UnicornMachines open() {
        UnicornMachines machines = new UnicornMachines();
        machines.idle.add(machines.track(EmulatedMachine.open(1)));
        return machines;
    }

    private EmulatedMachine track(EmulatedMachine engine) {
        all.add(engine);
        return engine;
    }

    @Override
    public synchronized Machine create(MachineConfig config, long level4Frame) {
        EmulatedMachine engine = null;
        for (int i = 0; i < idle.size(); i++) {
            if (idle.get(i).memorySize() == config.memoryBytes()) {
                engine = idle.remove(i);
                break;
            }
        }
        if (engine == null) {
            engine = track(EmulatedMachine.open(config.memoryMib()));
        } else {
            engine.memory().fill(0, engine.memorySize(), (byte) 0);
        }
        EmulatedMachine chosen = engine;
        return new UnicornMachine(chosen, config, level4Frame, () -> giveBack(chosen));
    }

    private synchronized void giveBack(EmulatedMachine engine) {
        idle.add(engine);
    }

    /** Closes every engine this factory opened. */
    @Override
    public synchronized void close() {
        for (EmulatedMachine engine : all) {
            engine.close();
        }
        all.clear();
        idle.clear();
    }
}
