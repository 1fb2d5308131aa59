package org.ptoracle.difftest.replay;

import org.ptoracle.difftest.trace.Op;

/** Which virtual address a step is about, for the walk shown at a divergence. */
public final class StepAddress {
    private StepAddress() {
    }

    /** The address whose walk explains the step, or null when the step has none (clean_up, peek, ...). */
    public static Long addressOf(Op op) {
        return switch (op) {
            case Op.MapTo m -> m.page();
            case Op.IdentityMap m -> m.frame();
            case Op.Unmap m -> m.page();
            case Op.UpdateFlags m -> m.page();
            case Op.SetFlagsEntry m -> m.page();
            case Op.TranslatePage m -> m.page();
            case Op.Translate m -> m.addr();
            case Op.TranslateAddr m -> m.addr();
            case Op.Access m -> m.addr();
            case Op.Flush m -> m.page();
            case Op.New m -> m.tableAddr();
            default -> null;
        };
    }
}
