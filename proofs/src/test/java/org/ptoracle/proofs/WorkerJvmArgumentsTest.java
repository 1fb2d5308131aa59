package org.ptoracle.proofs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A worker JVM runs with the parent's flags and the throughput collector, unless one was chosen. */
class WorkerJvmArgumentsTest {
    @Test
    void addsTheParallelCollectorAndDropsDebuggerAttachments() {
        assertEquals(List.of("-Xss4m", "-XX:+UseParallelGC"),
            ProveMain.workerJvmArguments(List.of("-agentlib:jdwp=transport=dt_socket", "-Xss4m",
                "-javaagent:x.jar")));
    }

    @Test
    void keepsACollectorTheCallerChose() {
        assertEquals(List.of("-XX:+UseG1GC"), ProveMain.workerJvmArguments(List.of("-XX:+UseG1GC")));
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx2g"),
            ProveMain.workerJvmArguments(List.of("-XX:+UseSerialGC", "-Xmx2g")));
    }
}
