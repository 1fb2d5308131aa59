package org.ptoracle.difftest.run;

import java.util.List;
import org.ptoracle.difftest.machine.ModelMachine;

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
     * The Unicorn machine. This is the one place to point at the Unicorn backend once it exists
     * (package {@code org.ptoracle.difftest.unicorn}); until then it reports that it is unavailable.
     */
    public static MachineFactory unicorn() throws BackendUnavailableException {
        throw new BackendUnavailableException("the unicorn backend is not available in this build yet"
                + " (org.ptoracle.difftest.run.Backends.unicorn() has no Unicorn machine to create);"
                + " use --backend model");
    }
}
