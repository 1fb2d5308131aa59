package org.ptoracle.difftest.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ptoracle.difftest.json.JsonObject;
import org.ptoracle.difftest.machine.MachineConfig;
import org.ptoracle.difftest.trace.MalformedTraceException;
import org.ptoracle.difftest.trace.Op;
import org.ptoracle.difftest.trace.Trace;
import org.ptoracle.difftest.trace.TraceParser;
import org.ptoracle.spec.Flags;
import org.ptoracle.spec.PageSize;

class TraceExecutorTest {
    private static final Flags PW = Flags.of(Flags.PRESENT | Flags.WRITABLE, 0);

    private static TraceExecutor model(MachineConfig config) {
        return new TraceExecutor(config, Backends.model());
    }

    @Test
    void levelFourFrameIsTheFirstPoolFrame() {
        try (TraceExecutor x = model(MachineConfig.defaults())) {
            assertEquals(0x100000L, x.machine().cr3());
            assertTrue(x.allocator().inUse(0x100000L));
            assertFalse(x.allocator().inUse(0x101000L));
            assertEquals(510, x.mapper().recursiveIndex());
            assertEquals(0xffffff7fbfdfe000L, x.mapper().level4Table());
            assertEquals("{\"value\": \"0x100003\"}", x.execute(new Op.Peek(0x100ff0)).toJson());
        }
    }

    @Test
    void refusedOperationIsUndoneCompletely() {
        try (TraceExecutor x = model(MachineConfig.defaults())) {
            // Needs a new table under the harness's level 2 table: the frame is taken, then the link store is refused.
            JsonObject r = x.execute(new Op.MapTo(PageSize.SIZE_4KIB, 0xffffff8000200000L, 0x800000, PW, null));
            assertTrue(r.has("invalid_input"), r.toJson());
            assertFalse(x.allocator().inUse(0x101000L), "the frame went back to the pool");
            assertEquals("{\"value\": \"0x100003\"}", x.execute(new Op.Peek(0x100ff0)).toJson(),
                    "the walks' accessed bits were undone");
        }
    }

    @Test
    void faultKeepsWhatWasWritten() {
        try (TraceExecutor x = model(MachineConfig.defaults())) {
            x.execute(new Op.Poke(0x100010, 0x5001)); // P4[2] read-only
            JsonObject r = x.execute(new Op.MapTo(PageSize.SIZE_4KIB, 0x10000000000L, 0x800000,
                    Flags.of(Flags.PRESENT, 0), null));
            assertEquals("{\"fault\": {\"vector\": 14, \"error_code\": \"0x3\", \"cr2\": \"0xffffff7fbfc02000\"}}", r.toJson());
            assertTrue(x.allocator().inUse(0x101000L), "the frame taken before the fault stays taken");
        }
    }

    @Test
    void setCrKeepsUnspecifiedBits() {
        try (TraceExecutor x = model(MachineConfig.defaults())) {
            x.execute(new Op.MapTo(PageSize.SIZE_4KIB, 0x7000, 0x9000, Flags.of(Flags.PRESENT | Flags.USER_ACCESSIBLE, 0), null));
            x.execute(new Op.SetCr(null, null, null, true)); // SMAP on
            assertTrue(x.execute(new Op.Access(0x7000, 0, 0)).has("fault"));
            x.execute(new Op.SetCr(false, null, null, null)); // WP off; SMAP stays on
            assertTrue(x.execute(new Op.Access(0x7000, 0, 0)).has("fault"));
            x.execute(new Op.SetCr(null, null, null, false));
            assertEquals("{\"phys\": \"0x9000\"}", x.execute(new Op.Access(0x7000, 0, 0)).toJson());
        }
    }

    @Test
    void cleanUpReportsOnlyItsOwnFrees() {
        try (TraceExecutor x = model(MachineConfig.defaults())) {
            x.execute(new Op.MapTo(PageSize.SIZE_4KIB, 0x1000, 0x9000, PW, null));
            x.execute(new Op.Unmap(PageSize.SIZE_4KIB, 0x1000));
            assertEquals("{\"ok\": {\"freed\": [\"0x103000\", \"0x102000\", \"0x101000\"]}}",
                    x.execute(new Op.CleanUp()).toJson());
            assertEquals("{\"ok\": {\"freed\": []}}", x.execute(new Op.CleanUp()).toJson());
        }
    }

    @Test
    void newUncheckedReplacesTheMapperOnlyWhenValid() {
        try (TraceExecutor x = model(MachineConfig.defaults())) {
            assertTrue(x.execute(new Op.NewUnchecked(512, null)).has("invalid_input"));
            assertTrue(x.execute(new Op.NewUnchecked(-1L, null)).has("invalid_input"));
            assertTrue(x.execute(new Op.NewUnchecked(3, 0x1234L)).has("invalid_input"));
            assertEquals(510, x.mapper().recursiveIndex());
            assertEquals("{\"ok\": true}", x.execute(new Op.NewUnchecked(3, null)).toJson());
            assertEquals(3, x.mapper().recursiveIndex());
            assertEquals(0x180c0603000L, x.mapper().level4Table());
        }
    }

    @Test
    void headerControlBitsReachTheMachine() throws MalformedTraceException {
        Trace t = TraceParser.parse(List.of("{\"ptoracle\": 1, \"efer_nxe\": false}",
                "{\"op\": \"map_to\", \"size\": \"4KiB\", \"page\": \"0x7000\", \"frame\": \"0x9000\","
                        + " \"flags\": [\"PRESENT\", \"NO_EXECUTE\"]}",
                "{\"op\": \"access\", \"addr\": \"0x7000\", \"kind\": \"read\", \"mode\": \"supervisor\"}"));
        try (TraceExecutor x = model(t.config())) {
            x.execute(t.steps().get(0).op());
            assertEquals("{\"fault\": {\"vector\": 14, \"error_code\": \"0x9\", \"cr2\": \"0x7000\"}}",
                    x.execute(t.steps().get(1).op()).toJson());
        }
    }
}
