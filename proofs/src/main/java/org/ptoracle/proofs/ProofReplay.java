package org.ptoracle.proofs;

import java.net.URI;
import java.util.List;

import org.antlr.v4.runtime.CharStreams;

import de.uka.ilkd.key.nparser.ProofReplayer;
import de.uka.ilkd.key.proof.Proof;
import de.uka.ilkd.key.proof.io.IntermediatePresentationProofFileParser;
import de.uka.ilkd.key.proof.io.IntermediateProofReplayer;

/**
 * Has KeY apply stored rule applications ({@link ProofStore}) to a fresh proof of a contract, in the
 * environment the run loaded: the steps KeY loads a {@code .proof} file with, without reading sources
 * or settings again.
 *
 * <p>KeY checks every step as it applies it (the taclet must match at the stored position, its
 * {@code \assumes} formulas must be on the sequent, a contract must exist and apply), so a replay
 * closes the proof only if the steps prove this contract from these sources under these settings.
 * MustNotProveTest feeds it the proof of a true contract for a false twin and expects no closed proof.
 * Measured (fourteenth session): unmap's case 2, 21,230 nodes, replays in 3-5 s against 26-35 s of
 * search on this machine.
 */
final class ProofReplay {
    private ProofReplay() {
    }

    /**
     * What the replay did: {@code problem} is null when every stored step applied; the proof may
     * still be open (steps missing), which the caller reads from the proof itself.
     */
    record Result(String problem) { }

    /** Applies the stored steps to {@code proof}, which must be fresh (its root the only node). */
    static Result replay(Proof proof, String steps, String id) {
        IntermediatePresentationProofFileParser parser = new IntermediatePresentationProofFileParser(proof);
        try {
            ProofReplayer.run(CharStreams.fromString(steps), parser, 1, URI.create("stored:proof"));
        } catch (RuntimeException e) {
            return new Result("the stored proof of " + id + " does not parse: " + e.getMessage());
        }
        IntermediatePresentationProofFileParser.Result parsed = parser.getResult();
        if (!parsed.errors().isEmpty()) {
            return new Result("the stored proof of " + id + " does not parse: " + first(parsed.errors()));
        }
        // The first argument only names the loader in error messages; there is none here.
        IntermediateProofReplayer.Result replayed = new IntermediateProofReplayer(null, proof, parsed)
            .replay(null, null);
        if (!replayed.getErrors().isEmpty()) {
            return new Result(replayed.getErrors().size() + " stored step(s) of " + id + " did not apply, the first: "
                + first(replayed.getErrors()));
        }
        return new Result(null);
    }

    private static String first(List<Throwable> errors) {
        Throwable t = errors.get(0);
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        return m.replaceAll("\\s+", " ").trim();
    }
}
