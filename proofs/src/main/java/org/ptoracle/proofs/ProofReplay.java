package org.ptoracle.proofs;

import java.net.URI;

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
 * ReplayCannotProveTest feeds it the proof of a true contract for its false twin and expects no closed proof.
 * Measured (fourteenth session): unmap's case 2, 21,230 nodes, replays in 3-5 s against 26-35 s of
 * search on this machine.
 */
final class ProofReplay {
    private ProofReplay() {
    }

    /**
     * Applies the stored steps to {@code proof}, which must be fresh (its root the only node), and
     * returns null when every step applied and the proof is closed, else what went wrong.
     */
    static String replay(Proof proof, String steps, String id) {
        IntermediatePresentationProofFileParser parser = new IntermediatePresentationProofFileParser(proof);
        try {
            ProofReplayer.run(CharStreams.fromString(steps), parser, 1, URI.create("stored:proof"));
        } catch (RuntimeException e) {
            return "the stored proof of " + id + " does not parse: " + message(e);
        }
        IntermediatePresentationProofFileParser.Result parsed = parser.getResult();
        if (!parsed.errors().isEmpty()) {
            return "the stored proof of " + id + " does not parse: " + message(parsed.errors().get(0));
        }
        // The first argument only names the loader in error messages; there is none here.
        IntermediateProofReplayer.Result replayed = new IntermediateProofReplayer(null, proof, parsed)
            .replay(null, null);
        if (!replayed.getErrors().isEmpty()) {
            return replayed.getErrors().size() + " stored step(s) of " + id + " did not apply, the first: "
                + message(replayed.getErrors().get(0));
        }
        return proof.closed() ? null : "its steps leave " + proof.openGoals().size() + " goal(s) open";
    }

    /** A throwable's message on one line (its class when it has none). */
    static String message(Throwable t) {
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        return m.replaceAll("\\s+", " ").trim();
    }
}
