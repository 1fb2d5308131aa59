package org.ptoracle.difftest.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Runs {@link Main} in-process and keeps what it printed. */
record CliRunner(int status, String out, String err) {
    static CliRunner run(String... args) {
        return runWithInput(new byte[0], args);
    }

    static CliRunner runWithInput(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(stdin), out, err);
        return new CliRunner(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
