package org.ptoracle.proofs;

import java.util.List;

/**
 * The result of one proof attempt.
 *
 * @param ref     the contract
 * @param status  closed, open or error
 * @param nodes   proof tree nodes when KeY stopped
 * @param ms      wall-clock time of the attempt (proof obligation creation and auto mode)
 * @param reason  why KeY stopped ("closed", KeY's stop message, or the error)
 * @param steps   rule applications
 * @param openGoal the first open goal as KeY prints it, when asked for ({@code --goals}), else null
 * @param profile  where the proof's size went, when asked for ({@code --stats}), else null
 * @param uses     identifiers of the other contracts the proof applied (calls replaced by a callee's
 *                 contract, queries expanded by one, dependency contracts), sorted; empty when KeY
 *                 could not attempt the contract. A closed proof is only as good as these: see
 *                 {@link Reliance}.
 * @param replayed whether KeY closed it by replaying a stored proof ({@link ProofStore}) rather than by
 *                 searching; either way KeY applied and checked every step in this run
 */
public record ProofOutcome(ContractRef ref, Status status, int nodes, long ms, String reason, int steps,
        String openGoal, ProofProfile profile, List<String> uses, boolean replayed) {

    public ProofOutcome {
        uses = List.copyOf(uses);
    }

    /** An outcome of a search. */
    public ProofOutcome(ContractRef ref, Status status, int nodes, long ms, String reason, int steps,
            String openGoal, ProofProfile profile, List<String> uses) {
        this(ref, status, nodes, ms, reason, steps, openGoal, profile, uses, false);
    }

    /** The same outcome with {@code note} added to its reason (why a stored proof was not used). */
    public ProofOutcome withNote(String note) {
        return new ProofOutcome(ref, status, nodes, ms, reason + "; " + note, steps, openGoal, profile, uses,
            replayed);
    }

    /** "replayed" or "searched": how KeY closed or tried to close the contract. */
    public String via() {
        return replayed ? "replayed" : "searched";
    }

    /** What happened to a contract. */
    public enum Status {
        /** KeY closed every goal: the contract is proved. */
        CLOSED,
        /** KeY stopped with open goals (stuck, or out of steps or time): not proved. */
        OPEN,
        /** KeY could not even attempt it (exception while building or running the proof). */
        ERROR;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean closed() {
        return status == Status.CLOSED;
    }
}
