package org.ptoracle.difftest.run;

import java.util.List;
import org.ptoracle.difftest.machine.ModelMachine;
import org.ptoracle.difftest.unicorn.UnicornMachines;
import org.ptoracle.difftest.unicorn.UnicornUnavailableException;

/** The backends a trace can run on, by the names the command line uses. */
public final class Backends {
    /** The names {@code --backend} accepts. */
    public static final List<String> NAMES = List.of("model", "unicorn", "both");

    private Backends() {
    }

    /** The pure-Java reference machine. */
    public static MachineFactory model() {
        return ModelMachine::new;
    }

    /**
     * Unicorn machines (one engine per factory, reused from trace to trace; use one factory per thread).
     * Loads and checks libunicorn first, so a missing or unsuitable library is reported here, with what
     * to do about it.
     */
    public static MachineFactory unicorn() throws BackendUnavailableException {
        try {
            return UnicornMachines.open();
        } catch (UnicornUnavailableException e) {
            throw new BackendUnavailableException(e.getMessage());
        }
    }
}
