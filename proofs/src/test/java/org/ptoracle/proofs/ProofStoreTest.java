package org.ptoracle.proofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's files: one per contract, named after it, holding that contract's steps and nothing else. */
class ProofStoreTest {
    static final String ID = "org.ptoracle.model.RecursivePageTable#unmap(org.ptoracle.spec.Page)#behavior.2";
    static final String STEPS = "(branch \"dummy ID\"\n(rule \"closeTrue\" (formula \"1\"))\n)\n";

    @Test
    void whatIsWrittenIsReadBackForTheSameContractOnly(@TempDir Path dir) throws IOException {
        ProofStore store = new ProofStore(dir);
        store.write(ID, STEPS);
        assertEquals(Optional.of(STEPS), store.read(ID));
        assertEquals(Optional.empty(), store.read(ID.replace("behavior.2", "behavior.3")));
        assertEquals("org.ptoracle.model.RecursivePageTable#unmap_org.ptoracle.spec.Page_#behavior.2.proof.gz",
            store.fileOf(ID).getFileName().toString());
    }

    @Test
    void equalStepsGiveEqualBytes(@TempDir Path dir) throws IOException {
        ProofStore store = new ProofStore(dir);
        store.write(ID, STEPS);
        byte[] first = Files.readAllBytes(store.fileOf(ID));
        store.write(ID, STEPS);
        assertTrue(java.util.Arrays.equals(first, Files.readAllBytes(store.fileOf(ID))),
            "rewriting the same proof changed the file (a time stamp in the gzip header?)");
    }

    @Test
    void aFileThatNamesAnotherContractIsRefused(@TempDir Path dir) throws IOException {
        ProofStore store = new ProofStore(dir);
        // Another identifier that sanitises to the same file name: '(' and ')' become '_'.
        String other = ID.replace("unmap(org.ptoracle.spec.Page)", "unmap_org.ptoracle.spec.Page_");
        store.write(other, STEPS);
        assertEquals(store.fileOf(ID), store.fileOf(other));
        IOException e = assertThrows(IOException.class, () -> store.read(ID));
        assertTrue(e.getMessage().contains("is not the stored proof of " + ID), e.getMessage());
    }

    @Test
    void aFileThatIsNotGzipIsAnErrorNamingIt(@TempDir Path dir) throws IOException {
        ProofStore store = new ProofStore(dir);
        Files.writeString(store.fileOf(ID), "(branch", StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> store.read(ID));
        assertTrue(e.getMessage() != null, "an unreadable file gives an error with a message");
    }

    @Test
    void aFileWithoutTheHeaderLineIsRefused(@TempDir Path dir) throws IOException {
        ProofStore store = new ProofStore(dir);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(store.fileOf(ID)))) {
            out.write(STEPS.getBytes(StandardCharsets.UTF_8));
        }
        assertThrows(IOException.class, () -> store.read(ID));
    }
}
